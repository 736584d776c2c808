/* The JVM_* and jio_* functions the JDK archives call: formatting and truncation, re-entrant raw
 * monitors shared by threads, a monotonic clock, the CPU count, library lookup. */
#include <dlfcn.h>
#include <pthread.h>
#include <sched.h>
#include <string.h>
#include <unistd.h>
#include "jni.h"
#include "check.h"

int jio_snprintf(char *str, size_t count, const char *fmt, ...);
void *JVM_RawMonitorCreate(void);
void JVM_RawMonitorDestroy(void *mon);
jint JVM_RawMonitorEnter(void *mon);
void JVM_RawMonitorExit(void *mon);
jlong JVM_NanoTime(JNIEnv *env, jclass ignored);
jint JVM_ActiveProcessorCount(void);
void *JVM_FindLibraryEntry(void *handle, const char *name);
char *JVM_NativePath(char *path);
void *JVM_GetManagement(jint version);

static void *monitor;
static long counter;

static void *worker(void *arg) {
    (void)arg;
    for (int i = 0; i < 100000; i++) {
        JVM_RawMonitorEnter(monitor);
        JVM_RawMonitorEnter(monitor); /* re-entrant */
        counter++;
        JVM_RawMonitorExit(monitor);
        JVM_RawMonitorExit(monitor);
    }
    return NULL;
}

int main(void) {
    char buf[8];
    CHECK(jio_snprintf(buf, sizeof(buf), "%d-%s", 42, "ab") == 5 && strcmp(buf, "42-ab") == 0, "fits: %s", buf);
    CHECK(jio_snprintf(buf, sizeof(buf), "%s", "0123456789") == -1 && strcmp(buf, "0123456") == 0,
          "cut and terminated, -1: %s", buf);
    CHECK(jio_snprintf(buf, 0, "x") == -1, "no room: -1");

    monitor = JVM_RawMonitorCreate();
    CHECK(monitor != NULL, "monitor");
    pthread_t t[4];
    for (int i = 0; i < 4; i++) pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 4; i++) pthread_join(t[i], NULL);
    CHECK(counter == 400000, "mutual exclusion: %ld", counter);
    JVM_RawMonitorDestroy(monitor);

    jlong a = JVM_NanoTime(NULL, NULL);
    usleep(20000);
    jlong b = JVM_NanoTime(NULL, NULL);
    CHECK(b - a >= 20000000LL && b - a < 2000000000LL, "20 ms is %lld ns", (long long)(b - a));

    cpu_set_t set;
    sched_getaffinity(0, sizeof(set), &set);
    CHECK(JVM_ActiveProcessorCount() == CPU_COUNT(&set), "processors %d", JVM_ActiveProcessorCount());

    CHECK(JVM_FindLibraryEntry(RTLD_DEFAULT, "inet_pton") != NULL, "inet_pton found (IPv6 check of libnet)");
    CHECK(JVM_FindLibraryEntry(RTLD_DEFAULT, "no_such_symbol_here") == NULL, "unknown symbol: NULL");
    char path[] = "/tmp/x";
    CHECK(JVM_NativePath(path) == path && strcmp(path, "/tmp/x") == 0, "native path unchanged");
    CHECK(JVM_GetManagement(0x20030000) == NULL, "management is not offered");
    return finish("test_jvm");
}
