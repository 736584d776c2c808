/* A tiny assertion helper for the C tests: counts failures, prints each, exits 1 at the end. */
#include <stdio.h>
#include <stdlib.h>
static int failures, checks;
#define CHECK(cond, ...) do { checks++; if (!(cond)) { failures++; fprintf(stderr, "  FAIL %s:%d: ", __FILE__, __LINE__); \
    fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); } } while (0)
static int finish(const char *name) {
    printf("%s: %d checks, %d failed\n", name, checks, failures);
    return failures == 0 ? 0 : 1;
}
