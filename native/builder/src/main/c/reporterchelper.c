/*
 * The two JNI functions of the builder's progress reporter (libreporterchelper.so), which a GraalVM
 * home carries and no Maven artifact does. Written here from their Java declarations in
 * com.oracle.svm.hosted.ProgressReporterCHelper: peak resident memory (bytes) and terminal width.
 */
#include <jni.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <unistd.h>

JNIEXPORT jlong JNICALL
Java_com_oracle_svm_hosted_ProgressReporterCHelper_getPeakRSS0(JNIEnv *env, jclass clazz) {
    struct rusage usage;
    if (getrusage(RUSAGE_SELF, &usage) != 0) {
        return -1;
    }
    return (jlong) usage.ru_maxrss * 1024; /* Linux reports kilobytes */
}

JNIEXPORT jint JNICALL
Java_com_oracle_svm_hosted_ProgressReporterCHelper_getTerminalWindowColumns0(JNIEnv *env, jclass clazz) {
    struct winsize size;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0) {
        return 80;
    }
    return size.ws_col;
}
