/* A misbehaving plugin: never returns from transform or score. Fuel and the epoch deadline stop it. */
#include "plugin.h"

static volatile uint64_t spins;

PLUGIN_EXPORT("describe")
plugin_string *describe(void) { return return_static(&describe_result, "loops forever"); }

PLUGIN_EXPORT("transform")
plugin_string *transform(const char *input, size_t input_len)
{
    (void)input;
    (void)input_len;
    for (;;) spins++;
}

PLUGIN_EXPORT("score")
double score(const uint8_t *data, size_t len)
{
    (void)data;
    (void)len;
    for (;;) spins++;
}
