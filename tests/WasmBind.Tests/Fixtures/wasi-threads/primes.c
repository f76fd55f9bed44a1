/* Counts the primes below a limit with several threads (argv[1], default 4; argv[2] the limit, default 200000), each
 * testing every n-th block of 64 numbers by trial division and adding its count atomically; prints the total and exits with 0.
 * Built without libc (see build.sh): WASI calls are declared here. */
#include <stdint.h>
#include "threads_shim.h"

#define MAX_THREADS 8
#define BLOCK 64

__attribute__((import_module("wasi_snapshot_preview1"), import_name("fd_write")))
int32_t wasi_fd_write(int32_t fd, const void *iovs, int32_t count, int32_t *written);
__attribute__((import_module("wasi_snapshot_preview1"), import_name("args_sizes_get")))
int32_t wasi_args_sizes_get(int32_t *count, int32_t *size);
__attribute__((import_module("wasi_snapshot_preview1"), import_name("args_get")))
int32_t wasi_args_get(char **argv, char *buffer);
__attribute__((import_module("wasi_snapshot_preview1"), import_name("proc_exit")))
_Noreturn void wasi_proc_exit(int32_t code);

typedef struct
{
    int32_t first;
    int32_t step;
    int32_t limit;
} range;

static shim_thread threads[MAX_THREADS];
static range ranges[MAX_THREADS];
static int32_t total;

static int is_prime(int32_t n)
{
    if (n < 2) return 0;
    for (int32_t d = 2; d * d <= n; d++)
        if (n % d == 0) return 0;
    return 1;
}

static void count(void *argument)
{
    const range *r = argument;
    int32_t found = 0;
    /* Blocks of BLOCK numbers dealt round-robin: one number in every step-th (the old split) gave one thread all the
     * odd numbers, and so all the work, when there were two threads. */
    for (int32_t base = r->first * BLOCK; base < r->limit; base += r->step * BLOCK)
        for (int32_t n = base; n < base + BLOCK && n < r->limit; n++) found += is_prime(n);
    __atomic_fetch_add(&total, found, __ATOMIC_SEQ_CST);
}

static int32_t parse(const char *text, int32_t fallback)
{
    int32_t value = 0;
    if (!text || !*text) return fallback;
    for (; *text; text++)
    {
        if (*text < '0' || *text > '9') return fallback;
        value = value * 10 + (*text - '0');
    }
    return value;
}

static char *append(char *out, const char *text)
{
    while (*text) *out++ = *text++;
    return out;
}

static char *append_number(char *out, int32_t value)
{
    char digits[12];
    int length = 0;
    do digits[length++] = (char)('0' + value % 10); while ((value /= 10) > 0);
    while (length > 0) *out++ = digits[--length];
    return out;
}

static void print(const char *text, int32_t length)
{
    struct { const char *base; int32_t length; } iov = {text, length};
    int32_t written;
    wasi_fd_write(1, &iov, 1, &written);
}

void _start(void)
{
    static char *argv[8];
    static char argument_bytes[256];
    int32_t argc = 0, size = 0;
    if (wasi_args_sizes_get(&argc, &size) != 0 || argc > 8 || size > (int32_t)sizeof argument_bytes) wasi_proc_exit(2);
    wasi_args_get(argv, argument_bytes);
    int32_t thread_count = parse(argc > 1 ? argv[1] : 0, 4);
    int32_t limit = parse(argc > 2 ? argv[2] : 0, 200000);
    if (thread_count < 1 || thread_count > MAX_THREADS) wasi_proc_exit(2);

    for (int32_t i = 0; i < thread_count; i++)
    {
        ranges[i] = (range){i, thread_count, limit};
        if (shim_spawn(&threads[i], count, &ranges[i]) <= 0)
        {
            print("spawn failed\n", 13);
            wasi_proc_exit(3);
        }
    }
    for (int32_t i = 0; i < thread_count; i++) shim_join(&threads[i]);

    char line[96];
    char *end = append(line, "primes below ");
    end = append_number(end, limit);
    end = append(end, ": ");
    end = append_number(end, __atomic_load_n(&total, __ATOMIC_SEQ_CST));
    end = append(end, " (");
    end = append_number(end, thread_count);
    end = append(end, " threads)\n");
    print(line, (int32_t)(end - line));
}
