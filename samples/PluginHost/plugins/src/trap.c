/* A misbehaving plugin: describes itself, then traps (integer division by zero) whenever it is asked to work. */
#include "plugin.h"

static volatile int divisor = 0;

PLUGIN_EXPORT("describe")
plugin_string *describe(void) { return return_static(&describe_result, "divides by zero"); }

PLUGIN_EXPORT("transform")
plugin_string *transform(const char *input, size_t input_len)
{
    int quotient = (int)input_len / divisor; /* traps: integer divide by zero */
    return return_static(&transform_result, quotient ? input : "");
}

PLUGIN_EXPORT("score")
double score(const uint8_t *data, size_t len)
{
    (void)data;
    return (double)((int)len / divisor);
}
