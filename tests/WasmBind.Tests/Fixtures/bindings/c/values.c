// A guest written by hand to the Canonical ABI (shared/spec/component-model/CanonicalABI.md), with no bindings
// generator: the C structs below are the ABI's memory layouts, and each export's and import's C signature is the
// flattening of its WIT type. tests/WasmBind.Tests/Bindings/ValueSetTests.cs binds it with [WasmExports] and
// [WasmImports] interfaces. Built by build.sh (freestanding: no libc, a bump allocator as cabi_realloc).
typedef unsigned char u8;
typedef unsigned int u32;
typedef int s32;
typedef long long s64;
typedef unsigned long long u64;

#define EXPORT(name) __attribute__((export_name(name)))
#define IMPORT(name) __attribute__((import_module("host"), import_name(name)))

void *memcpy(void *d, const void *s, unsigned long n) { u8 *a = d; const u8 *b = s; while (n--) *a++ = *b++; return d; }
void *memset(void *d, int c, unsigned long n) { u8 *a = d; while (n--) *a++ = (u8)c; return d; }

static u8 heap[1 << 16] __attribute__((aligned(16)));
static u32 heap_top;

EXPORT("cabi_realloc") void *cabi_realloc(void *old, u32 old_size, u32 align, u32 size) {
  (void)old; (void)old_size;
  u32 p = (heap_top + align - 1) & ~(align - 1);
  if (p + size > sizeof heap) __builtin_trap();
  heap_top = p + size;
  return heap + p;
}

// ---- layouts ----
typedef struct { const char *ptr; u32 len; } str;                          // string: 8 bytes, 4-aligned
typedef struct { str name; s32 count; } item;                              // record item: 12 bytes
typedef struct { item *ptr; u32 len; } item_list;                          // list<item>
typedef struct { str *ptr; u32 len; } str_list;                            // list<string>
typedef struct { u8 is_some; str value; } opt_str;                         // option<string>: 12 bytes, payload at 4
typedef struct { str customer; item_list items; u8 color; opt_str note; } order;  // 32 bytes, note at 20
typedef struct { u8 tag; union { float circle; struct { double w, h; } rect; } u; } shape;  // variant: 24 bytes, payload at 8
typedef struct { u8 is_err; union { s32 ok; str err; } u; } result_s32_str;  // 12 bytes
typedef struct { u8 is_err; union { item ok; str err; } u; } result_item_str;  // 16 bytes
typedef struct { u8 is_err; str err; } result_unit_str;                    // result<_, string>: 12 bytes
typedef struct { u8 is_some; item value; } opt_item;                       // 16 bytes
typedef struct { s32 number; str text; } pair_result;                      // tuple<s32, string>: 12 bytes
typedef struct { u8 color; u8 perm; } mix_result;                          // tuple<enum, flags>: 2 bytes

static str S(const char *z) { str s = { z, 0 }; while (z[s.len]) s.len++; return s; }
static int eq(str a, const char *z) { str b = S(z); if (a.len != b.len) return 0; for (u32 i = 0; i < a.len; i++) if (a.ptr[i] != b.ptr[i]) return 0; return 1; }
static str copy(str s) { char *p = cabi_realloc(0, 0, 1, s.len); memcpy(p, s.ptr, s.len); str r = { p, s.len }; return r; }
static float f32_of(s64 slot) { u32 bits = (u32)slot; float f; memcpy(&f, &bits, 4); return f; }
static double f64_of(s64 slot) { double d; memcpy(&d, &slot, 8); return d; }
static s64 slot_of_f32(float f) { u32 bits; memcpy(&bits, &f, 4); return (s64)(u64)bits; }
static s64 slot_of_f64(double d) { s64 s; memcpy(&s, &d, 8); return s; }

// ---- exports: the host calls these ----
static order order_area;
static shape shape_area;
static result_s32_str result_area;
static opt_item opt_item_area;
static mix_result mix_area;
static s32 post_count;

// total: func(values: list<s64>, more: list<s32>) -> s64
EXPORT("total") s64 total(const s64 *values, u32 n, const s32 *more, u32 m) {
  s64 sum = 0;
  for (u32 i = 0; i < n; i++) sum += values[i];
  for (u32 i = 0; i < m; i++) sum += more[i];
  return sum;
}

// make: func(customer: string, items: list<item>) -> order; green for one item or none, blue for more; note = first item's name
EXPORT("make") order *make(const char *cp, u32 cl, item *items, u32 n) {
  str customer = { cp, cl };
  order_area.customer = copy(customer);
  item *copied = cabi_realloc(0, 0, 4, n * sizeof(item));
  for (u32 i = 0; i < n; i++) { copied[i].name = copy(items[i].name); copied[i].count = items[i].count; }
  order_area.items.ptr = copied;
  order_area.items.len = n;
  order_area.color = n > 1 ? 2 : 1;
  order_area.note.is_some = n > 0;
  if (n > 0) order_area.note.value = copied[0].name;
  return &order_area;
}
EXPORT("cabi_post_make") void post_make(order *o) { (void)o; post_count++; }
EXPORT("post_count") s32 get_post_count(void) { return post_count; }

// flip: func(s: shape) -> shape. Flat: (i32 tag, i64 joined(f32, f64), f64).
EXPORT("flip") shape *flip(s32 tag, s64 p0, double p1) {
  switch (tag) {
    case 0: shape_area.tag = 1; shape_area.u.rect.w = f32_of(p0); shape_area.u.rect.h = f32_of(p0) * 2; break;
    case 1: shape_area.tag = 1; shape_area.u.rect.w = p1; shape_area.u.rect.h = f64_of(p0); break;
    default: shape_area.tag = 0; shape_area.u.circle = 1.5f; break;
  }
  return &shape_area;
}

// parse: func(text: string) -> result<s32, string>
EXPORT("parse") result_s32_str *parse(const char *p, u32 n) {
  s32 v = 0;
  if (n == 0) goto bad;
  for (u32 i = 0; i < n; i++) { if (p[i] < '0' || p[i] > '9') goto bad; v = v * 10 + (p[i] - '0'); }
  result_area.is_err = 0; result_area.u.ok = v;
  return &result_area;
bad:
  result_area.is_err = 1; result_area.u.err = copy(S("not a number"));
  return &result_area;
}
EXPORT("parse_or_throw") result_s32_str *parse_or_throw(const char *p, u32 n) { return parse(p, n); }

// best: func(items: list<item>) -> option<item>, the one with the largest count
EXPORT("best") opt_item *best(item *items, u32 n) {
  opt_item_area.is_some = n > 0;
  for (u32 i = 0; i < n; i++) if (i == 0 || items[i].count > opt_item_area.value.count) opt_item_area.value = items[i];
  if (n > 0) opt_item_area.value.name = copy(opt_item_area.value.name);
  return &opt_item_area;
}

// mix: func(c: color, p: perm) -> tuple<color, perm>: the next color, the permissions plus exec
EXPORT("mix") mix_result *mix(s32 color, s32 perm) { mix_area.color = (u8)((color + 1) % 3); mix_area.perm = (u8)(perm | 4); return &mix_area; }

// ---- hostile exports: results the host must refuse ----
EXPORT("bad_flip") shape *bad_flip(s32 tag, s64 p0, double p1) { (void)tag; (void)p0; (void)p1; shape_area.tag = 9; return &shape_area; }
EXPORT("bad_best") opt_item *bad_best(item *items, u32 n) { (void)items; (void)n; opt_item_area.is_some = 3; return &opt_item_area; }
EXPORT("bad_make") order *bad_make(const char *cp, u32 cl, item *items, u32 n) {
  make(cp, cl, items, n);
  order_area.items.len = 0x00FFFFFF;  // 12 bytes each: far past the end of memory
  return &order_area;
}
EXPORT("bad_parse") result_s32_str *bad_parse(const char *p, u32 n) {
  (void)p; (void)n;
  static const char invalid[] = { (char)0xC3, (char)0x28 };  // not UTF-8
  result_area.is_err = 1; result_area.u.err.ptr = invalid; result_area.u.err.len = 2;
  return &result_area;
}
EXPORT("bad_area") order *bad_area(const char *cp, u32 cl, item *items, u32 n) { return (order *)((u8 *)make(cp, cl, items, n) + 2); }

// ---- imports: the host implements these ----
IMPORT("sum") s32 host_sum(const s32 *values, u32 n);
IMPORT("split") void host_split(const char *p, u32 n, str_list *ret);
IMPORT("echo") void host_echo(const char *cp, u32 cl, item *ip, u32 il, s32 color, s32 note_some, const char *np, u32 nl, order *ret);
IMPORT("pair") void host_pair(s64 number, const char *p, u32 n, pair_result *ret);
IMPORT("find") void host_find(const char *p, u32 n, result_item_str *ret);
IMPORT("grow") void host_grow(s32 tag, s64 p0, double p1, shape *ret);
IMPORT("allow") s32 host_allow(s32 perm);
IMPORT("next") s32 host_next(s32 color);
IMPORT("lookup") void host_lookup(s32 some, const char *p, u32 n, opt_str *ret);
IMPORT("char_sum") s32 host_char_sum(const u32 *chars, u32 n);
IMPORT("items") void host_items(const double *weights, u32 n, item_list *ret);
IMPORT("check") void host_check(s32 tag, s64 p0, double p1, result_unit_str *ret);

static int aligned(const void *p, u32 a) { return ((u32)p & (a - 1)) == 0; }

// Each driver calls an import and checks what the host lowered: 0 when all is as expected, else the failed check's number.
EXPORT("drive_sum") s32 drive_sum(void) { static const s32 v[] = { 1, 2, 3, 4 }; return host_sum(v, 4) == 10 ? 0 : 1; }

EXPORT("drive_split") s32 drive_split(void) {
  str_list r;
  host_split("a,bb,ccc", 8, &r);
  if (r.len != 3 || !aligned(r.ptr, 4)) return 1;
  return eq(r.ptr[0], "a") && eq(r.ptr[1], "bb") && eq(r.ptr[2], "ccc") ? 0 : 2;
}

EXPORT("drive_echo") s32 drive_echo(void) {
  item in[2] = { { S("x"), 1 }, { S("yy"), 2 } };
  order r;
  host_echo("ann", 3, in, 2, 1, 1, "hi", 2, &r);
  if (!eq(r.customer, "ANN")) return 1;
  if (r.items.len != 2 || !aligned(r.items.ptr, 4)) return 2;
  if (!eq(r.items.ptr[0].name, "yy") || r.items.ptr[0].count != 2 || !eq(r.items.ptr[1].name, "x") || r.items.ptr[1].count != 1) return 3;
  if (r.color != 2) return 4;
  return r.note.is_some == 0 ? 0 : 5;
}

EXPORT("drive_pair") s32 drive_pair(void) {
  pair_result r;
  host_pair(21, "hey", 3, &r);
  return r.number == 42 && eq(r.text, "hey!") ? 0 : 1;
}

EXPORT("drive_find") s32 drive_find(void) {
  result_item_str r;
  host_find("apple", 5, &r);
  if (r.is_err != 0 || !eq(r.u.ok.name, "apple") || r.u.ok.count != 3) return 1;
  host_find("kiwi", 4, &r);
  return r.is_err == 1 && eq(r.u.err, "no kiwi") ? 0 : 2;
}

EXPORT("drive_grow") s32 drive_grow(void) {
  shape r;
  host_grow(0, slot_of_f32(1.25f), 0, &r);
  if (r.tag != 0 || r.u.circle != 2.5f) return 1;
  host_grow(1, slot_of_f64(1.5), 2.5, &r);
  if (r.tag != 1 || r.u.rect.w != 2.5 || r.u.rect.h != 3.5) return 2;
  host_grow(2, 0, 0, &r);
  return r.tag == 2 ? 0 : 3;
}

EXPORT("drive_enums") s32 drive_enums(void) {
  if (host_allow(1) != 3) return 1;   // read -> read|write
  if (host_allow(0) != 2) return 2;
  return host_next(2) == 0 ? 0 : 3;   // blue -> red
}

EXPORT("drive_lookup") s32 drive_lookup(void) {
  opt_str r;
  host_lookup(0, 0, 0, &r);
  if (r.is_some != 1 || !eq(r.value, "none")) return 1;
  host_lookup(1, "k", 1, &r);
  if (r.is_some != 0) return 2;
  host_lookup(1, "ab", 2, &r);
  return r.is_some == 1 && eq(r.value, "abab") ? 0 : 3;
}

EXPORT("drive_chars") s32 drive_chars(void) { static const u32 c[] = { 'a', 0x1F600 }; return host_char_sum(c, 2) == 97 + 0x1F600 ? 0 : 1; }

EXPORT("drive_items") s32 drive_items(void) {
  static const double w[] = { 1.0, 2.5 };
  item_list r;
  host_items(w, 2, &r);
  if (r.len != 2) return 1;
  return eq(r.ptr[0].name, "w0") && r.ptr[0].count == 1 && eq(r.ptr[1].name, "w1") && r.ptr[1].count == 2 ? 0 : 2;
}

EXPORT("drive_check") s32 drive_check(void) {
  result_unit_str r;
  host_check(0, slot_of_f32(1.0f), 0, &r);
  if (r.is_err != 0) return 1;
  host_check(2, 0, 0, &r);
  return r.is_err == 1 && eq(r.err, "empty") ? 0 : 2;
}

// ---- hostile callers: arguments the host must refuse, with a trap ----
EXPORT("hostile_variant") void hostile_variant(void) { shape r; host_grow(7, 0, 0, &r); }
EXPORT("hostile_enum") void hostile_enum(void) { host_next(3); }
EXPORT("hostile_list_length") void hostile_list_length(void) { host_sum((const s32 *)heap, 0x01000000); }
EXPORT("hostile_unaligned") void hostile_unaligned(void) { host_sum((const s32 *)(heap + 1), 1); }
EXPORT("hostile_utf8") void hostile_utf8(void) { order r; host_echo("\xff\xfe", 2, 0, 0, 0, 0, 0, 0, &r); }
EXPORT("hostile_char") void hostile_char(void) { static const u32 c[] = { 0xD800 }; host_char_sum(c, 1); }
EXPORT("hostile_option") void hostile_option(void) { opt_str r; host_lookup(2, "k", 1, &r); }
EXPORT("hostile_record_list") void hostile_record_list(void) { order r; host_echo("a", 1, (item *)(heap + 2), 1, 0, 0, 0, 0, &r); }
EXPORT("hostile_return_area") void hostile_return_area(void) { host_split("a", 1, (str_list *)(heap + 1)); }
