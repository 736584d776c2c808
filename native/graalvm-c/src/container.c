/*
 * Container limits for SubstrateVM (ContainerLibrary's @CFunction declarations, libsvm_container):
 *   int      svm_container_initialize(int version)   version handshake, then 0 or 1 (containerized)
 *   uint64_t svm_container_physical_memory(void)     host memory, capped by a memory limit
 *   jlong    svm_container_memory_limit_in_bytes(void)   -1 when unlimited
 *   jlong    svm_container_memory_usage_in_bytes(void)
 *   int      svm_container_active_processor_count(void)  CPU affinity, capped by a CPU quota
 * Written for issue 32 from the kernel's cgroup v1 and v2 documentation. The other
 * ContainerLibrary functions (swap, soft limit, peak, rss and cache usage) are not here: an image
 * that calls them fails to link rather than getting a made-up value.
 *
 * Where the process's cgroup is: /proc/self/cgroup names its path in each hierarchy, and
 * /proc/self/mountinfo where each hierarchy is mounted and which part of it the mount shows (a
 * container sees its own cgroup as the mount's root). svm_container_init_at reads both from given
 * files with a prefix for mount points, so the tests run it on a fake tree.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <limits.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SVM_CONTAINER_VERSION 240100 /* ContainerLibrary.VERSION of GraalVM 25.0.2 */
#define SUCCESS_IS_NOT_CONTAINERIZED 0
#define SUCCESS_IS_CONTAINERIZED 1
#define ERROR_LIBCONTAINER_TOO_OLD 2
#define ERROR_LIBCONTAINER_TOO_NEW 3

typedef struct {
    int version;            /* 0 none found, 1 or 2 */
    char memory[PATH_MAX];  /* directory of the memory controller's files for this process */
    char cpu[PATH_MAX];     /* same for cpu (v1: the cpu,cpuacct hierarchy) */
    int read_only;          /* the cgroup file system is mounted read-only, as in containers */
} cgroup_t;

static cgroup_t cg;
static int initialized;

/* The directory that shows cgroup `path` under a mount of `root` at `mount`; 0 when it is not
 * visible there. */
static int join(char *out, const char *prefix, const char *root, const char *mount, const char *path) {
    const char *rest;
    if (strcmp(root, "/") == 0) {
        rest = path;
    } else if (strcmp(root, path) == 0) {
        rest = "";
    } else if (strncmp(path, root, strlen(root)) == 0 && path[strlen(root)] == '/') {
        rest = path + strlen(root);
    } else {
        return 0;
    }
    if (strcmp(rest, "/") == 0) {
        rest = "";
    }
    return snprintf(out, PATH_MAX, "%s%s%s", prefix, mount, rest) < PATH_MAX;
}

static int has_option(const char *options, const char *name) {
    size_t n = strlen(name);
    for (const char *p = options; (p = strstr(p, name)) != NULL; p += n) {
        if ((p == options || p[-1] == ',') && (p[n] == ',' || p[n] == '\0')) {
            return 1;
        }
    }
    return 0;
}

int svm_container_init_at(const char *mountinfo, const char *proc_cgroup, const char *prefix) {
    memset(&cg, 0, sizeof(cg));
    char v2_path[PATH_MAX] = "", mem_path[PATH_MAX] = "", cpu_path[PATH_MAX] = "";
    char line[4096];
    FILE *f = fopen(proc_cgroup, "re");
    if (f == NULL) {
        return -1;
    }
    while (fgets(line, sizeof(line), f) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        char *c1 = strchr(line, ':');
        char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
        if (c2 == NULL) {
            continue;
        }
        *c1 = *c2 = '\0';
        const char *controllers = c1 + 1, *path = c2 + 1;
        if (strcmp(line, "0") == 0 && *controllers == '\0') {
            snprintf(v2_path, sizeof(v2_path), "%s", path);
        } else {
            if (has_option(controllers, "memory")) snprintf(mem_path, sizeof(mem_path), "%s", path);
            if (has_option(controllers, "cpu")) snprintf(cpu_path, sizeof(cpu_path), "%s", path);
        }
    }
    fclose(f);

    f = fopen(mountinfo, "re");
    if (f == NULL) {
        return -1;
    }
    while (fgets(line, sizeof(line), f) != NULL) {
        /* id parent major:minor root mount-point options [optional...] - fstype source super-options */
        char root[PATH_MAX], mount[PATH_MAX], options[256], fstype[64], super[1024];
        char *dash = strstr(line, " - ");
        if (dash == NULL || sscanf(line, "%*s %*s %*s %4095s %4095s %255s", root, mount, options) != 3
            || sscanf(dash + 3, "%63s %*s %1023s", fstype, super) != 2) {
            continue;
        }
        int ro = has_option(options, "ro");
        if (strcmp(fstype, "cgroup2") == 0 && v2_path[0] != '\0' && mem_path[0] == '\0' && cpu_path[0] == '\0') {
            if (join(cg.memory, prefix, root, mount, v2_path)) {
                strcpy(cg.cpu, cg.memory);
                cg.version = 2;
                cg.read_only = ro;
            }
        } else if (strcmp(fstype, "cgroup") == 0) {
            if (has_option(super, "memory") && mem_path[0] != '\0' && join(cg.memory, prefix, root, mount, mem_path)) {
                cg.version = 1;
                cg.read_only |= ro;
            }
            if (has_option(super, "cpu") && cpu_path[0] != '\0' && join(cg.cpu, prefix, root, mount, cpu_path)) {
                cg.version = 1;
                cg.read_only |= ro;
            }
        }
    }
    fclose(f);
    initialized = 1;
    return cg.version;
}

/* The first line of a file of the process's cgroup; 0 when it cannot be read. */
static int read_line(const char *dir, const char *name, char *out, size_t size) {
    char path[PATH_MAX];
    if (dir[0] == '\0' || snprintf(path, sizeof(path), "%s/%s", dir, name) >= (int)sizeof(path)) {
        return 0;
    }
    FILE *f = fopen(path, "re");
    if (f == NULL) {
        return 0;
    }
    int ok = fgets(out, (int)size, f) != NULL;
    fclose(f);
    if (ok) {
        out[strcspn(out, "\n")] = '\0';
    }
    return ok;
}

static int64_t host_memory(void) {
    long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGESIZE);
    return pages > 0 && size > 0 ? (int64_t)pages * size : -1;
}

/* -1: unlimited (or not known); -2: not in a cgroup the files can be read from. */
long long svm_container_memory_limit_in_bytes(void) {
    char v[64];
    if (cg.version == 2) {
        if (!read_line(cg.memory, "memory.max", v, sizeof(v))) return -2;
        if (strcmp(v, "max") == 0) return -1;
        return strtoll(v, NULL, 10);
    }
    if (cg.version == 1) {
        if (!read_line(cg.memory, "memory.limit_in_bytes", v, sizeof(v))) return -2;
        long long limit = strtoll(v, NULL, 10);
        /* v1 writes "no limit" as a huge page-rounded number; anything at or above the host's
         * memory limits nothing. */
        int64_t host = host_memory();
        return (host > 0 && limit >= host) ? -1 : limit;
    }
    return -2;
}

long long svm_container_memory_usage_in_bytes(void) {
    char v[64];
    if (cg.version == 2 && read_line(cg.memory, "memory.current", v, sizeof(v))) return strtoll(v, NULL, 10);
    if (cg.version == 1 && read_line(cg.memory, "memory.usage_in_bytes", v, sizeof(v))) return strtoll(v, NULL, 10);
    return -2;
}

/* CPUs as a quota allows, rounded up; -1 when no quota is set. */
static int quota_cpus(void) {
    char v[128];
    long long quota = -1, period = 0;
    if (cg.version == 2) {
        if (!read_line(cg.cpu, "cpu.max", v, sizeof(v))) return -1;
        char q[32];
        if (sscanf(v, "%31s %lld", q, &period) != 2 || strcmp(q, "max") == 0) return -1;
        quota = strtoll(q, NULL, 10);
    } else if (cg.version == 1) {
        char p[64];
        if (!read_line(cg.cpu, "cpu.cfs_quota_us", v, sizeof(v)) || !read_line(cg.cpu, "cpu.cfs_period_us", p, sizeof(p))) return -1;
        quota = strtoll(v, NULL, 10);
        period = strtoll(p, NULL, 10);
    }
    if (quota <= 0 || period <= 0) return -1;
    return (int)((quota + period - 1) / period);
}

static int affinity_cpus(void) {
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof(set), &set) == 0) {
        return CPU_COUNT(&set);
    }
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    return online > 0 ? (int)online : 1;
}

int svm_container_active_processor_count(void) {
    int cpus = affinity_cpus();
    int quota = quota_cpus();
    return (quota > 0 && quota < cpus) ? quota : cpus;
}

uint64_t svm_container_physical_memory(void) {
    int64_t host = host_memory();
    long long limit = svm_container_memory_limit_in_bytes();
    if (limit > 0 && (host < 0 || limit < host)) return (uint64_t)limit;
    return host > 0 ? (uint64_t)host : 0;
}

/* Containerized: a cgroup file system mounted read-only (how container runtimes mount it), or a
 * memory or CPU limit in force on this process's cgroup. */
static int containerized(void) {
    if (cg.version == 0) return 0;
    return cg.read_only || svm_container_memory_limit_in_bytes() > 0 || quota_cpus() > 0;
}

int svm_container_initialize(int version) {
    if (version > SVM_CONTAINER_VERSION) return ERROR_LIBCONTAINER_TOO_OLD;
    if (version < SVM_CONTAINER_VERSION) return ERROR_LIBCONTAINER_TOO_NEW;
    if (!initialized) {
        svm_container_init_at("/proc/self/mountinfo", "/proc/self/cgroup", "");
    }
    return containerized() ? SUCCESS_IS_CONTAINERIZED : SUCCESS_IS_NOT_CONTAINERIZED;
}

int svm_container_containerized(void) {
    return containerized();
}
