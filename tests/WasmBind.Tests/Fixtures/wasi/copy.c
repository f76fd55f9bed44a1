// copy SRC DST: copies a file through the preopened directories, then reports the byte count.
// Exercises path_open (read, and create+truncate), fd_read, fd_write and fd_close through wasi-libc's stdio.
#include <stdio.h>

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s SRC DST\n", argc > 0 ? argv[0] : "copy");
        return 2;
    }
    FILE *in = fopen(argv[1], "rb");
    if (!in) {
        perror(argv[1]);
        return 1;
    }
    FILE *out = fopen(argv[2], "wb");
    if (!out) {
        perror(argv[2]);
        fclose(in);
        return 1;
    }
    char buffer[4096];
    unsigned long total = 0;
    size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, in)) > 0) {
        if (fwrite(buffer, 1, n, out) != n) {
            perror(argv[2]);
            return 1;
        }
        total += n;
    }
    int failed = ferror(in);
    fclose(in);
    if (fclose(out) != 0 || failed) {
        perror("copy");
        return 1;
    }
    printf("copied %lu bytes\n", total);
    return 0;
}
