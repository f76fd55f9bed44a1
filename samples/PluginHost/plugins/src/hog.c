/* A misbehaving plugin: allocates a mebibyte at a time and never frees, until the host's memory limit stops it. */
#include "plugin.h"

PLUGIN_EXPORT("describe")
plugin_string *describe(void) { return return_static(&describe_result, "allocates until the memory limit"); }

PLUGIN_EXPORT("transform")
plugin_string *transform(const char *input, size_t input_len)
{
    (void)input;
    (void)input_len;
    size_t blocks = 0;
    for (;;) {
        volatile char *block = malloc(1 << 20);
        if (block == NULL) break; /* only if the host lets memory.grow fail quietly */
        block[0] = 1;
        blocks++;
    }
    return return_static(&transform_result, blocks ? "survived" : "nothing allocated");
}

PLUGIN_EXPORT("score")
double score(const uint8_t *data, size_t len)
{
    (void)data;
    double total = 0;
    for (;;) {
        volatile char *block = malloc(len + (1 << 20));
        if (block == NULL) return total;
        total += 1;
    }
}
