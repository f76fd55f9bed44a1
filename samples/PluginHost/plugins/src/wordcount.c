/* A well-behaved plugin: counts words, and reports how long it took by the host's clock. */
#include "plugin.h"

static char text_buffer[96];

PLUGIN_EXPORT("describe")
plugin_string *describe(void) { return return_static(&describe_result, "counts the words of the input"); }

static size_t format_unsigned(char *out, uint64_t value)
{
    char digits[24];
    size_t n = 0;
    do { digits[n++] = (char)('0' + value % 10); value /= 10; } while (value != 0);
    for (size_t i = 0; i < n; i++) out[i] = digits[n - 1 - i];
    return n;
}

PLUGIN_EXPORT("transform")
plugin_string *transform(const char *input, size_t input_len)
{
    int64_t started = host_now_milliseconds();
    size_t words = 0;
    int in_word = 0;
    for (size_t i = 0; i < input_len; i++) {
        int space = input[i] == ' ' || input[i] == '\t' || input[i] == '\n';
        if (!space && !in_word) words++;
        in_word = !space;
    }
    free((void *)input);
    size_t n = format_unsigned(text_buffer, words);
    memcpy(text_buffer + n, " words", 6);
    n += 6;
    int64_t elapsed = host_now_milliseconds() - started;
    if (elapsed > 1000) log_text("wordcount: that took more than a second");
    transform_result.ptr = text_buffer;
    transform_result.len = n;
    return &transform_result;
}

/* Words per 100 bytes. */
PLUGIN_EXPORT("score")
double score(const uint8_t *data, size_t len)
{
    size_t words = 0;
    int in_word = 0;
    for (size_t i = 0; i < len; i++) {
        int space = data[i] == ' ' || data[i] == '\t' || data[i] == '\n';
        if (!space && !in_word) words++;
        in_word = !space;
    }
    free((void *)data);
    return len == 0 ? 0.0 : 100.0 * (double)words / (double)len;
}
