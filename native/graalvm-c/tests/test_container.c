/* The cgroup reader on fake trees: v2 (host view and container view), v1, hybrid, none; the
 * version handshake; and this machine's own cgroup, whatever it is. */
#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "check.h"

int svm_container_init_at(const char *mountinfo, const char *proc_cgroup, const char *prefix);
int svm_container_initialize(int version);
int svm_container_containerized(void);
long long svm_container_memory_limit_in_bytes(void);
long long svm_container_memory_usage_in_bytes(void);
int svm_container_active_processor_count(void);
uint64_t svm_container_physical_memory(void);

static char base[PATH_MAX];

static void put(const char *rel, const char *content) {
    char path[PATH_MAX * 2], dir[PATH_MAX * 2];
    snprintf(path, sizeof(path), "%s/%s", base, rel);
    snprintf(dir, sizeof(dir), "%s", path);
    for (char *p = dir + strlen(base) + 1; (p = strchr(p, '/')) != NULL; p++) {
        *p = '\0';
        mkdir(dir, 0755);
        *p = '/';
    }
    FILE *f = fopen(path, "w");
    if (f == NULL) { perror(path); exit(2); }
    fputs(content, f);
    fclose(f);
}

static int init(const char *tree) {
    char mi[PATH_MAX * 2], cg[PATH_MAX * 2], prefix[PATH_MAX * 2];
    snprintf(mi, sizeof(mi), "%s/%s/mountinfo", base, tree);
    snprintf(cg, sizeof(cg), "%s/%s/cgroup", base, tree);
    snprintf(prefix, sizeof(prefix), "%s/%s/root", base, tree);
    return svm_container_init_at(mi, cg, prefix);
}

static int host_cpus(void) {
    cpu_set_t s;
    sched_getaffinity(0, sizeof(s), &s);
    return CPU_COUNT(&s);
}

int main(void) {
    snprintf(base, sizeof(base), "%s/container-tree-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : ".");
    CHECK(mkdtemp(base) != NULL, "mkdtemp: %s", strerror(errno));
    int cpus = host_cpus();

    /* v2, host view: the unified hierarchy at /sys/fs/cgroup, our cgroup below it, rw. */
    put("v2host/mountinfo", "22 1 0:21 / /sys rw,nosuid - sysfs sysfs rw\n"
                            "30 22 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec - cgroup2 cgroup2 rw,nsdelegate\n");
    put("v2host/cgroup", "0::/kubepods/pod1/c1\n");
    put("v2host/root/sys/fs/cgroup/kubepods/pod1/c1/memory.max", "536870912\n");
    put("v2host/root/sys/fs/cgroup/kubepods/pod1/c1/memory.current", "12345678\n");
    put("v2host/root/sys/fs/cgroup/kubepods/pod1/c1/cpu.max", "150000 100000\n");
    CHECK(init("v2host") == 2, "v2 host view: version");
    CHECK(svm_container_memory_limit_in_bytes() == 536870912LL, "v2 limit %lld", svm_container_memory_limit_in_bytes());
    CHECK(svm_container_memory_usage_in_bytes() == 12345678LL, "v2 usage %lld", svm_container_memory_usage_in_bytes());
    CHECK(svm_container_active_processor_count() == (cpus < 2 ? cpus : 2), "v2 cpus %d (quota 1.5 -> 2, host %d)",
          svm_container_active_processor_count(), cpus);
    CHECK(svm_container_physical_memory() == 536870912ULL, "v2 physical memory is capped by the limit");
    CHECK(svm_container_containerized(), "a limit in force counts as containerized");

    /* v2, container view: the mount's root is our own cgroup, read-only; no limits. */
    put("v2ctr/mountinfo", "40 30 0:26 /kubepods/pod1/c1 /sys/fs/cgroup ro,nosuid,nodev,noexec,relatime - cgroup2 cgroup2 rw\n");
    put("v2ctr/cgroup", "0::/kubepods/pod1/c1\n");
    put("v2ctr/root/sys/fs/cgroup/memory.max", "max\n");
    put("v2ctr/root/sys/fs/cgroup/cpu.max", "max 100000\n");
    CHECK(init("v2ctr") == 2, "v2 container view: version");
    CHECK(svm_container_memory_limit_in_bytes() == -1, "v2 'max' is unlimited: %lld", svm_container_memory_limit_in_bytes());
    CHECK(svm_container_active_processor_count() == cpus, "no quota: all %d cpus", cpus);
    CHECK(svm_container_containerized(), "a read-only cgroup mount counts as containerized");
    CHECK(svm_container_physical_memory() > 0, "physical memory is the host's");

    /* v1: memory and cpu,cpuacct hierarchies; an 'unlimited' memory value; a quota of 0.5 CPU. */
    put("v1/mountinfo", "31 25 0:27 / /sys/fs/cgroup/memory ro,nosuid - cgroup cgroup rw,memory\n"
                        "32 25 0:28 / /sys/fs/cgroup/cpu,cpuacct ro,nosuid - cgroup cgroup rw,cpu,cpuacct\n"
                        "33 25 0:29 / /sys/fs/cgroup/pids ro,nosuid - cgroup cgroup rw,pids\n");
    put("v1/cgroup", "12:pids:/docker/abc\n4:cpu,cpuacct:/docker/abc\n3:memory:/docker/abc\n1:name=systemd:/docker/abc\n");
    put("v1/root/sys/fs/cgroup/memory/docker/abc/memory.limit_in_bytes", "9223372036854771712\n");
    put("v1/root/sys/fs/cgroup/memory/docker/abc/memory.usage_in_bytes", "4096\n");
    put("v1/root/sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_quota_us", "50000\n");
    put("v1/root/sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_period_us", "100000\n");
    CHECK(init("v1") == 1, "v1: version");
    CHECK(svm_container_memory_limit_in_bytes() == -1, "v1 huge limit is unlimited: %lld", svm_container_memory_limit_in_bytes());
    CHECK(svm_container_memory_usage_in_bytes() == 4096, "v1 usage");
    CHECK(svm_container_active_processor_count() == 1, "v1 quota 0.5 -> 1 cpu, got %d", svm_container_active_processor_count());
    put("v1/root/sys/fs/cgroup/memory/docker/abc/memory.limit_in_bytes", "268435456\n");
    put("v1/root/sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_quota_us", "-1\n");
    CHECK(svm_container_memory_limit_in_bytes() == 268435456LL, "v1 limit");
    CHECK(svm_container_active_processor_count() == cpus, "v1 quota -1: all cpus");

    /* Hybrid: v1 controllers beside an empty unified hierarchy; the controllers win. */
    put("hybrid/mountinfo", "30 25 0:26 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw\n"
                            "31 25 0:27 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n");
    put("hybrid/cgroup", "3:memory:/user.slice\n0::/user.slice\n");
    put("hybrid/root/sys/fs/cgroup/memory/user.slice/memory.limit_in_bytes", "1073741824\n");
    CHECK(init("hybrid") == 1, "hybrid: the v1 memory controller is used");
    CHECK(svm_container_memory_limit_in_bytes() == 1073741824LL, "hybrid limit");

    /* No cgroup file system: not containerized, nothing limited. */
    put("none/mountinfo", "22 1 0:21 / /sys rw,nosuid - sysfs sysfs rw\n");
    put("none/cgroup", "0::/\n");
    CHECK(init("none") == 0, "none: version 0");
    CHECK(!svm_container_containerized(), "none: not containerized");
    CHECK(svm_container_active_processor_count() == cpus, "none: all cpus");

    /* The handshake, then the real /proc of this process. */
    CHECK(svm_container_initialize(240099) == 3, "an older caller: library too new");
    CHECK(svm_container_initialize(240101) == 2, "a newer caller: library too old");
    CHECK(svm_container_init_at("/proc/self/mountinfo", "/proc/self/cgroup", "") >= 0, "this machine's cgroup");
    int r = svm_container_initialize(240100);
    CHECK(r == 0 || r == 1, "handshake %d", r);
    printf("test_container: this machine: cgroup v%d, %s, memory limit %lld, cpus %d, physical %llu MiB\n",
           svm_container_init_at("/proc/self/mountinfo", "/proc/self/cgroup", ""), r ? "containerized" : "not containerized",
           svm_container_memory_limit_in_bytes(), svm_container_active_processor_count(),
           (unsigned long long)(svm_container_physical_memory() >> 20));
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", base);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", base);
    return finish("test_container");
}
