/* svm_initialize_locale against JDK 25 itself: for each environment, the eight locale fields
 * must be what `java -XshowSettings:properties` reports as user.language/script/country/variant
 * (display) and their .format forms. Locales are compiled with localedef into ./locales (LOCPATH),
 * so the machine's own locale set does not matter. Needs JDK25 in the environment. */
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "svm_locale.h"
#include "check.h"

int svm_initialize_locale(void);
svm_locale_props_t *svm_get_locale(void);

static const char *keys[] = {"language", "script", "country", "variant"};

/* One environment: "VAR=value VAR=value". */
static const char *cases[] = {
    "LC_ALL=C", "LC_ALL=POSIX", "LC_ALL=C.UTF-8", "LANG=de_DE.UTF-8", "LC_ALL=ja_JP.UTF-8",
    "LC_ALL=sr_RS.UTF-8@latin", "LC_ALL=pt_BR.UTF-8", "LANG=de_DE.UTF-8 LC_MESSAGES=ja_JP.UTF-8",
    "LANG=fr_CA.UTF-8 LC_CTYPE=tr_TR.UTF-8", "LC_ALL=no_such_LOCALE.UTF-8",
};

static void apply(const char *env) {
    unsetenv("LC_ALL"); unsetenv("LANG"); unsetenv("LC_MESSAGES"); unsetenv("LC_CTYPE");
    char copy[256];
    snprintf(copy, sizeof(copy), "%s", env);
    for (char *kv = strtok(copy, " "); kv != NULL; kv = strtok(NULL, " ")) {
        char *eq = strchr(kv, '=');
        *eq = '\0';
        setenv(kv, eq + 1, 1);
    }
}

/* value of "    user.<key><suffix> = value" in java's output, "" when absent */
static void java_prop(const char *out, const char *key, const char *suffix, char *value, size_t size) {
    char needle[64];
    snprintf(needle, sizeof(needle), "    user.%s%s = ", key, suffix);
    const char *p = strstr(out, needle);
    value[0] = '\0';
    if (p != NULL) {
        p += strlen(needle);
        size_t n = strcspn(p, "\n");
        snprintf(value, size, "%.*s", (int)(n < size - 1 ? n : size - 1), p);
    }
}

int main(void) {
    const char *jdk = getenv("JDK25");
    CHECK(jdk != NULL, "JDK25 is not set");
    if (jdk == NULL) return finish("test_locale");
    if (access("locales/ok", F_OK) != 0) {
        int rc = system("mkdir -p locales && for l in de_DE ja_JP pt_BR fr_CA tr_TR 'sr_RS@latin'; do"
                        " n=${l%@*}.UTF-8; case $l in *@*) n=$n@${l#*@};; esac;"
                        " localedef -i \"$l\" -f UTF-8 \"locales/$n\" 2>/dev/null || exit 1; done && touch locales/ok");
        CHECK(rc == 0, "localedef failed (the Debian 'locales' package provides the sources)");
    }
    char locpath[4096];
    CHECK(getcwd(locpath, sizeof(locpath) - 10) != NULL, "getcwd");
    strcat(locpath, "/locales");
    setenv("LOCPATH", locpath, 1);

    for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
        apply(cases[c]);
        /* ours, in a child: the JDK code caches its answer for the life of the process */
        int pipefd[2];
        if (pipe(pipefd) != 0) return 2;
        pid_t pid = fork();
        if (pid == 0) {
            close(pipefd[0]);
            FILE *w = fdopen(pipefd[1], "w");
            int r = svm_initialize_locale();
            svm_locale_props_t *p = svm_get_locale();
            const char *d[] = {p->display_language, p->display_script, p->display_country, p->display_variant};
            const char *f[] = {p->format_language, p->format_script, p->format_country, p->format_variant};
            fprintf(w, "%d", r);
            for (int i = 0; i < 4; i++) fprintf(w, "|%s|%s", d[i] ? d[i] : "", f[i] ? f[i] : "");
            fclose(w);
            _exit(0);
        }
        close(pipefd[1]);
        char ours[1024] = "";
        FILE *r = fdopen(pipefd[0], "r");
        if (fgets(ours, sizeof(ours), r) == NULL) ours[0] = '\0';
        fclose(r);
        int status;
        waitpid(pid, &status, 0);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "[%s] the child failed", cases[c]);

        /* JDK 25's answer */
        char cmd[4096];
        snprintf(cmd, sizeof(cmd), "'%s/bin/java' -XshowSettings:properties -version 2>&1", jdk);
        FILE *j = popen(cmd, "r");
        static char out[1 << 16];
        size_t n = fread(out, 1, sizeof(out) - 1, j);
        out[n] = '\0';
        pclose(j);

        char expect[1024];
        snprintf(expect, sizeof(expect), "%d", SVM_LOCALE_INITIALIZATION_SUCCEEDED);
        for (int i = 0; i < 4; i++) {
            char disp[128], fmt[128];
            java_prop(out, keys[i], "", disp, sizeof(disp));
            java_prop(out, keys[i], ".format", fmt, sizeof(fmt));
            if (fmt[0] == '\0') snprintf(fmt, sizeof(fmt), "%s", disp); /* .format only when it differs */
            size_t len = strlen(expect);
            snprintf(expect + len, sizeof(expect) - len, "|%s|%s", disp, fmt);
        }
        CHECK(strcmp(ours, expect) == 0, "[%s] ours %s, JDK 25 %s", cases[c], ours, expect);
        printf("test_locale: [%s] %s\n", cases[c], ours);
    }
    return finish("test_locale");
}
