/*
 * The C side of the PluginHost contract (PluginContract.cs), by the Component Model's Canonical ABI for a core
 * module with a 32-bit memory and UTF-8 strings:
 *
 *   string Describe()                      export "describe"  () -> i32             (a pointer to a return area)
 *   ValueTask<string> TransformAsync(s)    export "transform" (i32 ptr, i32 len) -> i32
 *   double Score(ReadOnlySpan<byte> data)  export "score"     (i32 ptr, i32 len) -> f64
 *   void Log(string message)               import host.log              (i32 ptr, i32 len)
 *   ValueTask<string> LookupAsync(key)     import host.lookup           (i32 ptr, i32 len, i32 return_area)
 *   long NowMilliseconds()                 import host.now_milliseconds () -> i64
 *
 * A string result travels through a return area of two i32 (pointer, length; 8 bytes, 4-aligned). Memory for
 * strings the host passes in comes from the exported cabi_realloc; after reading an export's result the host calls
 * cabi_post_<export>(return_area) so the plugin can free what it returned.
 */
#ifndef PLUGIN_H
#define PLUGIN_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define PLUGIN_IMPORT(name) __attribute__((import_module("host"), import_name(name)))
#define PLUGIN_EXPORT(name) __attribute__((export_name(name)))

/* The return area of a string result: the layout the host reads. */
typedef struct {
    const char *ptr;
    size_t len;
} plugin_string;

PLUGIN_IMPORT("log") void host_log(const char *ptr, size_t len);
PLUGIN_IMPORT("lookup") void host_lookup(const char *key, size_t key_len, plugin_string *result);
PLUGIN_IMPORT("now_milliseconds") int64_t host_now_milliseconds(void);

/* The allocator the host calls to place strings and bytes in this plugin's memory. */
PLUGIN_EXPORT("cabi_realloc")
void *cabi_realloc(void *old_ptr, size_t old_size, size_t align, size_t new_size)
{
    (void)old_size;
    (void)align; /* malloc's alignment (16) covers every alignment the ABI asks for here */
    if (new_size == 0) return (void *)align;
    return realloc(old_ptr, new_size);
}

static inline void log_text(const char *text) { host_log(text, strlen(text)); }

/* One return area per export is enough: the host reads it before it calls this plugin again. */
static plugin_string describe_result;
static plugin_string transform_result;

static inline plugin_string *return_static(plugin_string *area, const char *text)
{
    area->ptr = text;
    area->len = strlen(text);
    return area;
}

#endif
