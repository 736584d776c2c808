/*
 * jdk.internal.reflect.Reflection.getClassAccessFlags, which JDK 25 declares and openjdk-26's
 * sources no longer have (26 reads the flags from Class). Ours, written for issue 32: like JDK 25
 * it asks the VM, through JVM_GetClassAccessFlags, which 26's jvm.h no longer declares.
 */
#include "jni.h"
#include "jvm.h"
#include "jdk_internal_reflect_Reflection.h"

JNIEXPORT jint JNICALL JVM_GetClassAccessFlags(JNIEnv *env, jclass cls);

JNIEXPORT jint JNICALL
Java_jdk_internal_reflect_Reflection_getClassAccessFlags(JNIEnv *env, jclass unused, jclass cls) {
    (void)unused;
    return JVM_GetClassAccessFlags(env, cls);
}
