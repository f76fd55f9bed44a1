// A guest for tests/WasmBind.Tests/Bindings/Wit/plugin.wit, written by hand against the Canonical ABI (no wit-bindgen,
// no libc): the core names are the component model's (import module "acme:plugins/host", exports
// "acme:plugins/plugin#<func>"), and every layout below is the ABI's for that WIT. Rebuild with build.sh.
#include <stddef.h>
#include <stdint.h>

#define IMPORT(name) __attribute__((import_module("acme:plugins/host"), import_name(name)))
#define EXPORT(name) __attribute__((export_name("acme:plugins/plugin#" name)))

// clang turns copy loops into memcpy calls; with no libc, these are the definitions.
void *memcpy(void *dst, const void *src, size_t n) {
    unsigned char *d = dst;
    const unsigned char *s = src;
    while (n--) *d++ = *s++;
    return dst;
}

void *memset(void *dst, int value, size_t n) {
    unsigned char *d = dst;
    while (n--) *d++ = (unsigned char)value;
    return dst;
}

// --- allocation: a bump allocator, growing memory as needed (the host calls it to pass strings and lists in).

extern unsigned char __heap_base;
static uintptr_t heap_top;

__attribute__((export_name("cabi_realloc")))
void *cabi_realloc(void *old, size_t old_size, size_t align, size_t new_size) {
    if (heap_top == 0) heap_top = (uintptr_t)&__heap_base;
    uintptr_t p = (heap_top + align - 1) & ~(uintptr_t)(align - 1);
    size_t end = p + new_size;
    size_t have = __builtin_wasm_memory_size(0) * 65536;
    if (end > have && __builtin_wasm_memory_grow(0, (end - have + 65535) / 65536) == (size_t)-1) __builtin_trap();
    heap_top = end;
    if (old != NULL) memcpy((void *)p, old, old_size < new_size ? old_size : new_size);
    return (void *)p;
}

// --- host imports

enum level { LEVEL_DEBUG, LEVEL_INFO, LEVEL_WARN, LEVEL_ERROR };

// log: func(level: level, message: string)
IMPORT("log") void host_log(int32_t level, const char *message, size_t length);

// get-config: func(key: string) -> option<string>: the host writes {u8 is_some @0, ptr @4, len @8} at `ret`.
typedef struct { uint8_t is_some; const char *ptr; size_t len; } option_string;
IMPORT("get-config") void host_get_config(const char *key, size_t length, option_string *ret);

static size_t length_of(const char *text) {
    size_t n = 0;
    while (text[n]) n++;
    return n;
}

static void log_text(int32_t level, const char *text) { host_log(level, text, length_of(text)); }

// --- types, laid out as the ABI lays out their WIT types

// record item { name: string, quantity: u32, price: f64 }: name @0 (ptr, len), quantity @8, price @16; 24 bytes, 8-aligned.
typedef struct { const char *name; size_t name_len; uint32_t quantity; double price; } item;
_Static_assert(sizeof(item) == 24 && _Alignof(item) == 8, "item layout");

enum permissions { PERMISSION_READ = 1, PERMISSION_WRITE = 2, PERMISSION_NETWORK = 4 };

// result<summary, error>: u8 case @0, payload @8 (32 bytes, 8-aligned).
//   summary { total: f64 @8, count: u32 @16, outcome: variant @20 { u8 case @20, payload @24 } }
//   error: variant @8 { u8 case @8, payload @12 }
typedef struct {
    uint8_t is_error;
    union {
        struct {
            double total;
            uint32_t count;
            uint8_t outcome;                     // 0 accepted(u32), 1 rejected(string), 2 deferred
            union { uint32_t accepted; struct { const char *ptr; size_t len; } rejected; } outcome_payload;
        } ok;
        struct {
            uint8_t error;                       // 0 invalid-input(string), 1 too-many-items(u32), 2 internal
            union { struct { const char *ptr; size_t len; } invalid_input; uint32_t too_many_items; } payload;
        } err;
    } value;
} process_result;
_Static_assert(sizeof(process_result) == 32 && offsetof(process_result, value) == 8, "result layout");

static process_result process_area;

static uint32_t parse_u32(const char *text, size_t length, uint32_t otherwise) {
    if (length == 0) return otherwise;
    uint32_t value = 0;
    for (size_t i = 0; i < length; i++) {
        if (text[i] < '0' || text[i] > '9') return otherwise;
        value = value * 10 + (uint32_t)(text[i] - '0');
    }
    return value;
}

static void set_error_text(const char *text) {
    process_area.is_error = 1;
    process_area.value.err.error = 0;
    process_area.value.err.payload.invalid_input.ptr = text;
    process_area.value.err.payload.invalid_input.len = length_of(text);
}

// process: func(request: request) -> result<summary, error>
// request { id: u64, items: list<item>, note: option<string>, permissions: permissions } flattens to 7 values.
EXPORT("process")
process_result *process(int64_t id, const item *items, size_t count, int32_t has_note, const char *note, size_t note_len, int32_t permissions) {
    log_text(LEVEL_INFO, "processing a request");
    option_string limit_text;
    host_get_config("max-items", 9, &limit_text);
    uint32_t limit = limit_text.is_some ? parse_u32(limit_text.ptr, limit_text.len, 10) : 10;

    memset(&process_area, 0, sizeof process_area);
    if (id == 0) {
        process_area.is_error = 1;
        process_area.value.err.error = 2; // internal
        return &process_area;
    }
    if (count == 0) {
        set_error_text("a request needs items");
        return &process_area;
    }
    if (count > limit) {
        process_area.is_error = 1;
        process_area.value.err.error = 1;
        process_area.value.err.payload.too_many_items = (uint32_t)count;
        return &process_area;
    }
    double total = 0;
    uint32_t quantity = 0;
    for (size_t i = 0; i < count; i++) {
        total += items[i].quantity * items[i].price;
        quantity += items[i].quantity;
    }
    process_area.value.ok.total = total;
    process_area.value.ok.count = quantity;
    if (permissions & PERMISSION_WRITE) {
        process_area.value.ok.outcome = 0;
        process_area.value.ok.outcome_payload.accepted = quantity;
    } else if (has_note) {
        process_area.value.ok.outcome = 1;
        process_area.value.ok.outcome_payload.rejected.ptr = note;
        process_area.value.ok.outcome_payload.rejected.len = note_len;
    } else {
        process_area.value.ok.outcome = 2;
    }
    if (permissions & PERMISSION_NETWORK) log_text(LEVEL_WARN, "network permission is not used");
    return &process_area;
}

// A string or list result: a return area of (ptr, len).
typedef struct { const void *ptr; size_t len; } slice;
static slice slice_area;

// describe: func() -> string
EXPORT("describe")
slice *describe(void) {
    static const char text[] = "orders plugin: totals, top items, ranges";
    slice_area.ptr = text;
    slice_area.len = sizeof text - 1;
    return &slice_area;
}

// top-items: func(items: list<item>, n: u32) -> list<item>: the n items of largest quantity * price, largest first.
EXPORT("top-items")
slice *top_items(const item *items, size_t count, uint32_t n) {
    size_t take = n < count ? n : count;
    item *result = cabi_realloc(NULL, 0, 8, take * sizeof(item));
    unsigned char taken[256] = {0};
    for (size_t k = 0; k < take; k++) {
        size_t best = count;
        for (size_t i = 0; i < count && i < 256; i++) {
            if (taken[i]) continue;
            if (best == count || items[i].quantity * items[i].price > items[best].quantity * items[best].price) best = i;
        }
        taken[best] = 1;
        result[k] = items[best]; // the names still point into the list the host passed in, which stays allocated
    }
    slice_area.ptr = result;
    slice_area.len = take;
    return &slice_area;
}

// min-max: func(values: list<s32>) -> option<tuple<s32, s32>>: {u8 is_some @0, s32 min @4, s32 max @8}.
typedef struct { uint8_t is_some; int32_t min; int32_t max; } option_pair;
static option_pair pair_area;

EXPORT("min-max")
option_pair *min_max(const int32_t *values, size_t count) {
    pair_area.is_some = count > 0;
    if (count > 0) {
        pair_area.min = pair_area.max = values[0];
        for (size_t i = 1; i < count; i++) {
            if (values[i] < pair_area.min) pair_area.min = values[i];
            if (values[i] > pair_area.max) pair_area.max = values[i];
        }
    }
    return &pair_area;
}
