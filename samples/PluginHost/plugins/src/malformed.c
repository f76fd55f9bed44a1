/* A misbehaving plugin: returns a string whose pointer lies past the end of its memory. */
#include "plugin.h"

PLUGIN_EXPORT("describe")
plugin_string *describe(void) { return return_static(&describe_result, "returns pointers past its memory"); }

PLUGIN_EXPORT("transform")
plugin_string *transform(const char *input, size_t input_len)
{
    (void)input_len;
    free((void *)input);
    transform_result.ptr = (const char *)0x7ffffff0; /* far beyond any memory this module has */
    transform_result.len = 64;
    return &transform_result;
}

PLUGIN_EXPORT("score")
double score(const uint8_t *data, size_t len)
{
    /* Reads its own memory out of bounds: a trap the host reports like any other. */
    const volatile uint8_t *beyond = (const uint8_t *)(uintptr_t)0xfffffff0u;
    (void)len;
    return (double)(data[0] + beyond[0]);
}
