/* A well-behaved plugin: upper-cases the input and prefixes it with a greeting it looks up in the host's store. */
#include "plugin.h"

PLUGIN_EXPORT("describe")
plugin_string *describe(void) { return return_static(&describe_result, "upper-cases text, with a greeting from the host's key-value store"); }

PLUGIN_EXPORT("cabi_post_describe")
void cabi_post_describe(plugin_string *area) { (void)area; /* a static string: nothing to free */ }

PLUGIN_EXPORT("transform")
plugin_string *transform(const char *input, size_t input_len)
{
    plugin_string greeting;
    host_lookup("greeting", 8, &greeting); /* async on the host side: this call suspends until the lookup completes */
    size_t total = greeting.len + 2 + input_len;
    char *out = malloc(total);
    memcpy(out, greeting.ptr, greeting.len);
    memcpy(out + greeting.len, ": ", 2);
    for (size_t i = 0; i < input_len; i++) {
        char c = input[i];
        out[greeting.len + 2 + i] = (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
    }
    free((void *)greeting.ptr);
    free((void *)input);
    log_text("shout: transformed one input");
    transform_result.ptr = out;
    transform_result.len = total;
    return &transform_result;
}

PLUGIN_EXPORT("cabi_post_transform")
void cabi_post_transform(plugin_string *area) { free((void *)area->ptr); }

/* The share of upper-case ASCII letters among the letters. */
PLUGIN_EXPORT("score")
double score(const uint8_t *data, size_t len)
{
    size_t letters = 0, upper = 0;
    for (size_t i = 0; i < len; i++) {
        if (data[i] >= 'A' && data[i] <= 'Z') { letters++; upper++; }
        else if (data[i] >= 'a' && data[i] <= 'z') letters++;
    }
    free((void *)data);
    return letters == 0 ? 0.0 : (double)upper / (double)letters;
}
