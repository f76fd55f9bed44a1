// A guest whose strings are UTF-16 or latin1+utf16 (the Canonical ABI's string-encoding option), written by hand.
// tests/WasmBind.Tests/Bindings/StringEncodingTests.cs binds it. Built by build.sh.
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;

#define EXPORT(name) __attribute__((export_name(name)))
#define IMPORT(name) __attribute__((import_module("host"), import_name(name)))

static u8 heap[1 << 16] __attribute__((aligned(16)));
static u32 heap_top;

EXPORT("cabi_realloc") void *cabi_realloc(void *old, u32 old_size, u32 align, u32 size) {
  (void)old; (void)old_size;
  u32 p = (heap_top + align - 1) & ~(align - 1);
  if (p + size > sizeof heap) __builtin_trap();
  heap_top = p + size;
  return heap + p;
}

typedef struct { const void *ptr; u32 len; } str;  // len: UTF-16 code units, or the latin1+utf16 tagged length
static str area;

// utf16: shout(s) -> s with ASCII letters upper-cased; units(s) -> its length in code units
EXPORT("shout") str *shout(const u16 *s, u32 n) {
  u16 *out = cabi_realloc(0, 0, 2, n * 2);
  for (u32 i = 0; i < n; i++) out[i] = (s[i] >= 'a' && s[i] <= 'z') ? (u16)(s[i] - 32) : s[i];
  area.ptr = out; area.len = n;
  return &area;
}
EXPORT("units") u32 units(const u16 *s, u32 n) { (void)s; return n; }

// hostile utf16 results
EXPORT("lone_surrogate") str *lone_surrogate(void) { static const u16 bad[] = { 'a', 0xD800, 'b' }; area.ptr = bad; area.len = 3; return &area; }
EXPORT("odd_pointer") str *odd_pointer(void) { area.ptr = heap + 1; area.len = 1; return &area; }

// latin1+utf16: tagged_len(s) -> the length as passed (bit 31 set for UTF-16); echo_tagged(s) -> s as it came
EXPORT("tagged_len") u32 tagged_len(const void *s, u32 n) { (void)s; return n; }
EXPORT("echo_tagged") str *echo_tagged(const void *s, u32 n) { area.ptr = s; area.len = n; return &area; }

// utf16 import: greet(name) -> "Hi " + name
IMPORT("greet") void host_greet(const u16 *s, u32 n, str *ret);
EXPORT("drive_greet") u32 drive_greet(void) {
  static const u16 name[] = { 'Z', 'o', 0x00EB, 0xD83D, 0xDE00 };  // "Zoë😀"
  str r;
  host_greet(name, 5, &r);
  if (r.len != 8 || ((u32)r.ptr & 1)) return 1;
  const u16 *p = r.ptr;
  static const u16 want[] = { 'H', 'i', ' ', 'Z', 'o', 0x00EB, 0xD83D, 0xDE00 };
  for (u32 i = 0; i < 8; i++) if (p[i] != want[i]) return 2;
  return 0;
}
