/*
 * Small libchelper functions SubstrateVM declares with @CFunction (issue 32, our own C):
 *   int   getThreadId(void)                          LinuxLibCHelper: the kernel thread id
 *   int   fprintfSD(FILE *, const char *, const char *, int)   PosixVMThreads: one %s and one %d
 *   int   openSII(const char *, int, int)            Fcntl.NoTransitions.open: open(2) with a mode
 *   void *mremapP(void *, size_t, size_t, int, void *)   LinuxLibCHelper: mremap(2) with a new address
 *   char *SVM_FindJavaTZmd(const char *, int)        LibCHelper: the platform's time-zone ID
 *   char **getEnviron(void)                          LibCHelper: the process environment
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

extern char **environ;

int getThreadId(void) {
    return (int)syscall(SYS_gettid);
}

int fprintfSD(FILE *stream, const char *format, const char *s, int d) {
    return fprintf(stream, format, s, d);
}

int openSII(const char *path, int flags, int mode) {
    return open(path, flags, mode);
}

void *mremapP(void *old_address, size_t old_size, size_t new_size, int flags, void *new_address) {
    return mremap(old_address, old_size, new_size, flags, new_address);
}

char **getEnviron(void) {
    return environ;
}

/*
 * The JDK's own libjava (TimeZone_md.c, linked statically beside this) finds the ID from TZ,
 * /etc/timezone or /etc/localtime; its argument, the JDK home for a mappings file, is used on AIX
 * only, as the mappings here are on Windows only. Returns a malloc'd string or NULL (then Java
 * falls back to a GMT offset ID, as the JDK does).
 */
extern char *findJavaTZ_md(const char *java_home_dir);

char *SVM_FindJavaTZmd(const char *tzMappings, int length) {
    (void)tzMappings;
    (void)length;
    return findJavaTZ_md(NULL);
}
