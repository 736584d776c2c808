/*
 * The host locale for SubstrateVM (LocaleCHelper's @CFunction declarations):
 *   int                 svm_initialize_locale(void)  SVM_LOCALE_INITIALIZATION_* (svm_locale.h)
 *   svm_locale_props_t *svm_get_locale(void)
 * Rather than parse LC_CTYPE/LC_MESSAGES a second way, this asks the JDK's own libjava, linked
 * statically beside it: GetJavaProperties (java_props_md.c) computes the same eight fields a
 * JVM reports as user.language, user.script, user.country, user.variant and their format and
 * display forms. It takes a JNIEnv only to throw; the one given here records what it would have
 * thrown and aborts on any other JNI call, so nothing can go unnoticed. Written for issue 32.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jni.h"
#include "java_props.h"
#include "svm_locale.h"

static svm_locale_props_t props;
static const char *thrown; /* the class the JDK code tried to throw, if any */

static void unexpected_jni_call(void) {
    fputs("svm_initialize_locale: the JDK's GetJavaProperties made a JNI call this environment does not offer\n", stderr);
    abort();
}

static jclass JNICALL find_class(JNIEnv *env, const char *name) {
    (void)env;
    if (thrown == NULL) {
        thrown = name;
    }
    return NULL; /* JNU_ThrowByName then throws nothing */
}

static jboolean JNICALL exception_check(JNIEnv *env) {
    (void)env;
    return JNI_FALSE;
}

static jthrowable JNICALL exception_occurred(JNIEnv *env) {
    (void)env;
    return NULL;
}

int svm_initialize_locale(void) {
    static struct JNINativeInterface_ table;
    void **slot = (void **)&table;
    for (size_t i = 0; i < sizeof(table) / sizeof(void *); i++) {
        slot[i] = (void *)unexpected_jni_call;
    }
    table.FindClass = find_class;
    table.ExceptionCheck = exception_check;
    table.ExceptionOccurred = exception_occurred;
    const struct JNINativeInterface_ *functions = &table;
    JNIEnv *env = (JNIEnv *)&functions;

    thrown = NULL;
    java_props_t *sprops = GetJavaProperties(env);
    if (thrown != NULL && strcmp(thrown, "java/lang/OutOfMemoryError") == 0) {
        return SVM_LOCALE_INITIALIZATION_OUT_OF_MEMORY;
    }
    if (sprops == NULL || sprops->format_language == NULL || sprops->display_language == NULL) {
        /* Not a state the JDK code leaves without throwing: say what it threw, then stop. */
        fprintf(stderr, "svm_initialize_locale: no locale from the JDK's GetJavaProperties (it threw %s)\n",
                thrown != NULL ? thrown : "nothing");
        abort();
    }
    props.display_language = sprops->display_language;
    props.display_script = sprops->display_script;
    props.display_country = sprops->display_country;
    props.display_variant = sprops->display_variant;
    props.format_language = sprops->format_language;
    props.format_script = sprops->format_script;
    props.format_country = sprops->format_country;
    props.format_variant = sprops->format_variant;
    return SVM_LOCALE_INITIALIZATION_SUCCEEDED;
}

svm_locale_props_t *svm_get_locale(void) {
    return &props;
}
