/*
 * CPU features of an AMD64 host for SubstrateVM (AMD64LibCHelper's @CFunction declarations):
 *   void determineCPUFeatures(CPUFeatures *features)
 *   int  checkCPUFeatures(const uint8_t *buildtimeMask)
 *   int  checkCPUFeaturesOrExit(const uint8_t *buildtimeMask, const char *errorMessage)
 * CPUFeatures (amd64cpufeatures.h) is written by native/builder's CHeaderWriter from the builder's
 * own @CStruct, one char per feature. Written for issue 32 from Intel's and AMD's CPUID
 * documentation: a feature that needs operating-system support (AVX, AVX-512, APX) counts only
 * when XCR0 says the OS saves the registers it uses, as the kernel's /proc/cpuinfo does.
 */
#include <cpuid.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "amd64cpufeatures.h"

typedef struct {
    uint32_t eax, ebx, ecx, edx;
} regs_t;

static regs_t cpuid(uint32_t leaf, uint32_t subleaf) {
    regs_t r = {0, 0, 0, 0};
    __cpuid_count(leaf, subleaf, r.eax, r.ebx, r.ecx, r.edx);
    return r;
}

static uint64_t xgetbv0(void) {
    uint32_t lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return ((uint64_t)hi << 32) | lo;
}

#define BIT(v, n) ((char)(((v) >> (n)) & 1u))

void determineCPUFeatures(CPUFeatures *f) {
    memset(f, 0, sizeof(*f));
    uint32_t max_leaf = __get_cpuid_max(0, NULL);
    uint32_t max_ext = __get_cpuid_max(0x80000000u, NULL);
    if (max_leaf < 1) {
        return;
    }
    regs_t l1 = cpuid(1, 0);
    regs_t l7 = max_leaf >= 7 ? cpuid(7, 0) : (regs_t){0, 0, 0, 0};
    regs_t l7s1 = (max_leaf >= 7 && l7.eax >= 1) ? cpuid(7, 1) : (regs_t){0, 0, 0, 0};
    regs_t e1 = max_ext >= 0x80000001u ? cpuid(0x80000001u, 0) : (regs_t){0, 0, 0, 0};
    regs_t e7 = max_ext >= 0x80000007u ? cpuid(0x80000007u, 0) : (regs_t){0, 0, 0, 0};

    /* What the OS saves on a context switch (XCR0), readable only when OSXSAVE is set. */
    uint64_t xcr0 = BIT(l1.ecx, 27) ? xgetbv0() : 0;
    int os_avx = (xcr0 & 0x6) == 0x6;              /* SSE and AVX (YMM) state */
    int os_avx512 = os_avx && (xcr0 & 0xe0) == 0xe0; /* opmask, ZMM_Hi256, Hi16_ZMM */
    int os_apx = (xcr0 & (1ull << 19)) != 0;         /* APX extended GPR state */

    f->fCX8 = BIT(l1.edx, 8);
    f->fCMOV = BIT(l1.edx, 15);
    f->fFXSR = BIT(l1.edx, 24);
    f->fHT = BIT(l1.edx, 28);
    f->fMMX = BIT(l1.edx, 23);
    f->fAMD_3DNOW_PREFETCH = BIT(e1.ecx, 8) | BIT(e1.edx, 31); /* PREFETCHW or 3DNow! */
    f->fSSE = BIT(l1.edx, 25);
    f->fSSE2 = BIT(l1.edx, 26);
    f->fSSE3 = BIT(l1.ecx, 0);
    f->fSSSE3 = BIT(l1.ecx, 9);
    f->fSSE4A = BIT(e1.ecx, 6);
    f->fSSE4_1 = BIT(l1.ecx, 19);
    f->fSSE4_2 = BIT(l1.ecx, 20);
    f->fPOPCNT = BIT(l1.ecx, 23);
    f->fLZCNT = BIT(e1.ecx, 5);
    f->fTSC = BIT(l1.edx, 4);
    f->fTSCINV_BIT = BIT(e7.edx, 8);
    /* An invariant TSC: the bit as reported; HotSpot trusts it on Intel, AMD and Hygon alike. */
    f->fTSCINV = f->fTSCINV_BIT;
    f->fAVX = os_avx && BIT(l1.ecx, 28);
    f->fAVX2 = f->fAVX && BIT(l7.ebx, 5);
    f->fAES = BIT(l1.ecx, 25);
    f->fERMS = BIT(l7.ebx, 9);
    f->fCLMUL = BIT(l1.ecx, 1);
    f->fBMI1 = BIT(l7.ebx, 3);
    f->fBMI2 = BIT(l7.ebx, 8);
    f->fRTM = BIT(l7.ebx, 11);
    f->fADX = BIT(l7.ebx, 19);
    int avx512 = os_avx512 && f->fAVX;
    f->fAVX512F = avx512 && BIT(l7.ebx, 16);
    avx512 = f->fAVX512F; /* every other AVX-512 feature needs the foundation */
    f->fAVX512DQ = avx512 && BIT(l7.ebx, 17);
    f->fAVX512PF = avx512 && BIT(l7.ebx, 26);
    f->fAVX512ER = avx512 && BIT(l7.ebx, 27);
    f->fAVX512CD = avx512 && BIT(l7.ebx, 28);
    f->fAVX512BW = avx512 && BIT(l7.ebx, 30);
    f->fAVX512VL = avx512 && BIT(l7.ebx, 31);
    f->fAVX512_IFMA = avx512 && BIT(l7.ebx, 21);
    f->fAVX512_VBMI = avx512 && BIT(l7.ecx, 1);
    f->fAVX512_VBMI2 = avx512 && BIT(l7.ecx, 6);
    f->fAVX512_VNNI = avx512 && BIT(l7.ecx, 11);
    f->fAVX512_BITALG = avx512 && BIT(l7.ecx, 12);
    f->fAVX512_VPOPCNTDQ = avx512 && BIT(l7.ecx, 14);
    f->fAVX512_FP16 = avx512 && BIT(l7.edx, 23);
    /* VAES and VPCLMULQDQ have VEX (AVX) encodings; HotSpot counts them with AVX-512 only. */
    f->fAVX512_VAES = avx512 && BIT(l7.ecx, 9);
    f->fAVX512_VPCLMULQDQ = avx512 && BIT(l7.ecx, 10);
    f->fSHA = BIT(l7.ebx, 29);
    f->fFMA = f->fAVX && BIT(l1.ecx, 12);
    f->fVZEROUPPER = f->fAVX; /* an instruction of AVX */
    f->fFLUSH = BIT(l1.edx, 19);
    f->fFLUSHOPT = BIT(l7.ebx, 23);
    f->fCLWB = BIT(l7.ebx, 24);
    f->fHV = BIT(l1.ecx, 31);
    f->fSERIALIZE = BIT(l7.edx, 14);
    f->fRDTSCP = BIT(e1.edx, 27);
    f->fRDPID = BIT(l7.ecx, 22);
    f->fFSRM = BIT(l7.edx, 4);
    f->fGFNI = BIT(l7.ecx, 8);
    f->fPKU = BIT(l7.ecx, 3);
    f->fOSPKE = BIT(l7.ecx, 4);
    f->fCET_IBT = BIT(l7.edx, 20);
    f->fCET_SS = BIT(l7.ecx, 7);
    f->fF16C = f->fAVX && BIT(l1.ecx, 29);
    f->fAVX_IFMA = f->fAVX && BIT(l7s1.eax, 23);
    f->fSHA512 = f->fAVX && BIT(l7s1.eax, 0);
    f->fAPX_F = os_apx && BIT(l7s1.edx, 21);
    /* AVX10: leaf 7.1 EDX bit 19, its version in leaf 0x24 EBX[7:0]; it needs the AVX-512 state. */
    if (os_avx512 && BIT(l7s1.edx, 19) && max_leaf >= 0x24) {
        uint32_t version = cpuid(0x24, 0).ebx & 0xff;
        f->fAVX10_1 = version >= 1;
        f->fAVX10_2 = version >= 2;
    }
}

/*
 * The build-time mask has one byte per CPUFeatures member: 0xff where the image does not need the
 * feature, and the complement of "present" (0xfe) where it does. The host passes when every byte
 * of mask | host is 0xff. Returns 0 when the host has all it needs, 1 otherwise.
 */
int checkCPUFeatures(const uint8_t *buildtimeMask) {
    CPUFeatures host;
    determineCPUFeatures(&host);
    const uint8_t *h = (const uint8_t *)&host;
    for (size_t i = 0; i < sizeof(host); i++) {
        if ((uint8_t)(buildtimeMask[i] | h[i]) != 0xff) {
            return 1;
        }
    }
    return 0;
}

int checkCPUFeaturesOrExit(const uint8_t *buildtimeMask, const char *errorMessage) {
    if (checkCPUFeatures(buildtimeMask) != 0) {
        fputs(errorMessage, stderr);
        exit(1);
    }
    return 0;
}
