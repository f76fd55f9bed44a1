// The guest of RecordBenchmarks, written by hand to the Canonical ABI: echo_order(order) -> order, where
// record order { customer: string, items: list<item> } and record item { name: string, count: s32 }. Flat, an order
// is (i32 ptr, i32 len, i32 ptr, i32 len); returned, it is a pointer to a 16-byte area holding the same four values.
// cabi_post_echo_order resets the bump allocator, so memory does not grow however many calls run. Built by
// build-records.sh (freestanding wasm32, no libc).
typedef unsigned char u8;
typedef unsigned int u32;

static u8 heap[1 << 16] __attribute__((aligned(16)));
static u32 heap_top;

__attribute__((export_name("cabi_realloc"))) void *cabi_realloc(void *old, u32 old_size, u32 align, u32 size) {
  (void)old; (void)old_size;
  u32 p = (heap_top + align - 1) & ~(align - 1);
  if (p + size > sizeof heap) __builtin_trap();
  heap_top = p + size;
  return heap + p;
}

typedef struct { u32 customer_ptr, customer_len, items_ptr, items_len; } order;
static order area;

__attribute__((export_name("echo_order"))) order *echo_order(u32 cp, u32 cl, u32 ip, u32 il) {
  area.customer_ptr = cp; area.customer_len = cl; area.items_ptr = ip; area.items_len = il;
  return &area;
}

__attribute__((export_name("cabi_post_echo_order"))) void post_echo_order(order *o) { (void)o; heap_top = 0; }
