/*
 * The JVM_* and jio_* functions the JDK's static libraries call, for an image (SubstrateVM has no
 * HotSpot libjvm; these are the ones the link of the JDK archives needs, issue 32, our own C).
 * Each does what HotSpot's does on Linux, or fails loudly:
 *   JVM_GetManagement answers NULL, HotSpot's answer for a version it does not serve: the
 *   management library then throws InternalError("Unsupported Management version").
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "jni.h"

/* SubstrateVM's Jvm.initialize(): nothing here needs setting up before first use. */
JNIEXPORT void JNICALL initialize(void) {
}

JNIEXPORT jint JNICALL JVM_ActiveProcessorCount(void) {
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof(set), &set) == 0) {
        return CPU_COUNT(&set);
    }
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    return online > 0 ? (jint)online : 1;
}

JNIEXPORT jlong JNICALL JVM_NanoTime(JNIEnv *env, jclass ignored) {
    (void)env;
    (void)ignored;
    struct timespec ts;
    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) {
        perror("JVM_NanoTime: clock_gettime(CLOCK_MONOTONIC)");
        abort();
    }
    return (jlong)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

JNIEXPORT void JNICALL JVM_BeforeHalt(void) {
}

JNIEXPORT void JNICALL JVM_Halt(jint code) {
    exit(code);
}

/* HotSpot on Unix leaves the path as it is. */
JNIEXPORT char *JNICALL JVM_NativePath(char *path) {
    return path;
}

JNIEXPORT void *JNICALL JVM_FindLibraryEntry(void *handle, const char *name) {
    return dlsym(handle, name);
}

/* Raw monitors: recursive mutexes, as HotSpot's are re-entrant. */
JNIEXPORT void *JNICALL JVM_RawMonitorCreate(void) {
    pthread_mutex_t *m = malloc(sizeof(*m));
    pthread_mutexattr_t attr;
    if (m == NULL || pthread_mutexattr_init(&attr) != 0
        || pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE) != 0 || pthread_mutex_init(m, &attr) != 0) {
        free(m);
        return NULL;
    }
    pthread_mutexattr_destroy(&attr);
    return m;
}

JNIEXPORT void JNICALL JVM_RawMonitorDestroy(void *mon) {
    if (mon != NULL) {
        pthread_mutex_destroy(mon);
        free(mon);
    }
}

JNIEXPORT jint JNICALL JVM_RawMonitorEnter(void *mon) {
    return pthread_mutex_lock(mon) == 0 ? 0 : -1;
}

JNIEXPORT void JNICALL JVM_RawMonitorExit(void *mon) {
    pthread_mutex_unlock(mon);
}

JNIEXPORT void *JNICALL JVM_GetManagement(jint version) {
    (void)version;
    return NULL;
}

/* jio_*: C's printf family; snprintf's result is -1 (with the output cut and terminated) when it
 * does not fit, as HotSpot's jio_vsnprintf answers. */
JNIEXPORT int jio_vsnprintf(char *str, size_t count, const char *fmt, va_list args) {
    if ((long)count <= 0) {
        return -1;
    }
    int n = vsnprintf(str, count, fmt, args);
    if (n < 0 || (size_t)n >= count) {
        str[count - 1] = '\0';
        return -1;
    }
    return n;
}

JNIEXPORT int jio_snprintf(char *str, size_t count, const char *fmt, ...) {
    va_list args;
    va_start(args, fmt);
    int n = jio_vsnprintf(str, count, fmt, args);
    va_end(args);
    return n;
}

JNIEXPORT int jio_vfprintf(FILE *f, const char *fmt, va_list args) {
    return vfprintf(f, fmt, args);
}

JNIEXPORT int jio_fprintf(FILE *f, const char *fmt, ...) {
    va_list args;
    va_start(args, fmt);
    int n = vfprintf(f, fmt, args);
    va_end(args);
    return n;
}
