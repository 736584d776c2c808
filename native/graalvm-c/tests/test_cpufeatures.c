/* determineCPUFeatures against the kernel's view (/proc/cpuinfo "flags"), and checkCPUFeatures
 * against masks built from the host's own features. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "amd64cpufeatures.h"
#include "check.h"

void determineCPUFeatures(CPUFeatures *features);
int checkCPUFeatures(const uint8_t *mask);

/* Member of CPUFeatures -> the kernel's flag name; features without a flag of their own are
 * left out (TSCINV, VZEROUPPER: derived; AVX10_*: versioned; APX_F: not in this kernel). */
static const struct { size_t offset; const char *flag; } map[] = {
#define M(f, name) { offsetof(CPUFeatures, f), name }
    M(fCX8, "cx8"), M(fCMOV, "cmov"), M(fFXSR, "fxsr"), M(fHT, "ht"), M(fMMX, "mmx"),
    M(fAMD_3DNOW_PREFETCH, "3dnowprefetch"), M(fSSE, "sse"), M(fSSE2, "sse2"), M(fSSE3, "pni"),
    M(fSSSE3, "ssse3"), M(fSSE4A, "sse4a"), M(fSSE4_1, "sse4_1"), M(fSSE4_2, "sse4_2"),
    M(fPOPCNT, "popcnt"), M(fLZCNT, "abm"), M(fTSC, "tsc"), M(fAVX, "avx"), M(fAVX2, "avx2"),
    M(fAES, "aes"), M(fERMS, "erms"), M(fCLMUL, "pclmulqdq"), M(fBMI1, "bmi1"), M(fBMI2, "bmi2"),
    M(fRTM, "rtm"), M(fADX, "adx"), M(fAVX512F, "avx512f"), M(fAVX512DQ, "avx512dq"),
    M(fAVX512PF, "avx512pf"), M(fAVX512ER, "avx512er"), M(fAVX512CD, "avx512cd"),
    M(fAVX512BW, "avx512bw"), M(fAVX512VL, "avx512vl"), M(fSHA, "sha_ni"), M(fFMA, "fma"),
    M(fAVX512_VPOPCNTDQ, "avx512_vpopcntdq"), M(fAVX512_VNNI, "avx512_vnni"),
    M(fFLUSH, "clflush"), M(fFLUSHOPT, "clflushopt"), M(fCLWB, "clwb"),
    M(fAVX512_VBMI2, "avx512_vbmi2"), M(fAVX512_VBMI, "avx512vbmi"), M(fHV, "hypervisor"),
    M(fSERIALIZE, "serialize"), M(fRDTSCP, "rdtscp"), M(fRDPID, "rdpid"), M(fFSRM, "fsrm"),
    M(fGFNI, "gfni"), M(fAVX512_BITALG, "avx512_bitalg"), M(fPKU, "pku"), M(fOSPKE, "ospke"),
    M(fF16C, "f16c"), M(fAVX512_IFMA, "avx512ifma"), M(fAVX_IFMA, "avx_ifma"),
    M(fSHA512, "sha512"), M(fAVX512_FP16, "avx512_fp16"), M(fTSCINV_BIT, "constant_tsc"),
#undef M
};

static char flags[8192];

static int kernel_has(const char *flag) {
    size_t n = strlen(flag);
    for (const char *p = flags; (p = strstr(p, flag)) != NULL; p += n) {
        if ((p == flags || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0' || p[n] == '\n')) return 1;
    }
    return 0;
}

int main(void) {
    FILE *f = fopen("/proc/cpuinfo", "r");
    char line[8192];
    while (f != NULL && fgets(line, sizeof(line), f) != NULL) {
        if (strncmp(line, "flags", 5) == 0) {
            snprintf(flags, sizeof(flags), "%s", strchr(line, ':') + 1);
            break;
        }
    }
    if (f != NULL) fclose(f);
    CHECK(flags[0] != '\0', "no flags line in /proc/cpuinfo");

    CPUFeatures host;
    memset(&host, 0x5a, sizeof(host)); /* every member must be written */
    determineCPUFeatures(&host);
    const char *bytes = (const char *)&host;
    for (size_t i = 0; i < sizeof(host); i++) CHECK(bytes[i] == 0 || bytes[i] == 1, "member %zu is %d", i, bytes[i]);
    int present = 0;
    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
        int ours = bytes[map[i].offset], kernel = kernel_has(map[i].flag);
        present += ours;
        CHECK(ours == kernel, "%s: determineCPUFeatures says %d, /proc/cpuinfo says %d", map[i].flag, ours, kernel);
    }
    CHECK(host.fSSE2 && host.fCX8, "an x86-64 host without SSE2/CX8?");
    CHECK(host.fVZEROUPPER == host.fAVX, "VZEROUPPER goes with AVX");

    /* Masks: 0xff = not needed; ~1 (0xfe) = needed. */
    uint8_t mask[sizeof(CPUFeatures)];
    memset(mask, 0xff, sizeof(mask));
    CHECK(checkCPUFeatures(mask) == 0, "an empty mask must pass");
    for (size_t i = 0; i < sizeof(host); i++) if (bytes[i]) mask[i] = 0xfe;
    CHECK(checkCPUFeatures(mask) == 0, "a mask of exactly the host's features must pass");
    int absent = -1;
    for (size_t i = 0; i < sizeof(host); i++) if (!bytes[i]) { absent = (int)i; break; }
    if (absent >= 0) {
        mask[absent] = 0xfe;
        CHECK(checkCPUFeatures(mask) == 1, "a mask needing absent member %d must fail", absent);
    }
    printf("test_cpufeatures: %d of %zu mapped features present\n", present, sizeof(map) / sizeof(map[0]));
    return finish("test_cpufeatures");
}
