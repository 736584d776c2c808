package io.streamhub.egress.nativeimage;

import com.oracle.svm.core.annotate.Substitute;
import com.oracle.svm.core.annotate.TargetClass;
import software.amazon.awssdk.checksums.SdkChecksum;
import software.amazon.awssdk.checksums.spi.ChecksumAlgorithm;

/**
 * The AWS SDK's checksums as they behave without the AWS CRT, which egress-orchestrator does not
 * ship (a native library per platform, for checksums the S3 uploads do not ask for). The SDK tests
 * for the CRT at run time, but its CRT branches name CRT classes, and the image builder (which
 * links every class at build time under Quarkus) refused them (found by native/verify.sh, issue
 * 19). Each method here does what the original does when the CRT is absent; the test
 * {@code NativeRegistrationsTest} checks that against the originals on the JVM.
 */
@TargetClass(className = "software.amazon.awssdk.checksums.internal.ChecksumProvider")
final class Target_software_amazon_awssdk_checksums_internal_ChecksumProvider {

    private Target_software_amazon_awssdk_checksums_internal_ChecksumProvider() {
    }

    /** Without the CRT the SDK falls back to its own CRC32C. */
    @Substitute
    static SdkChecksum createCrtCrc32C() {
        return null;
    }

    @Substitute
    static SdkChecksum crc64NvmeCrtImplementation() {
        throw new RuntimeException("Could not load software.amazon.awssdk.crt.checksums.CRC64NVME. Add dependency on '"
                + AbsentLibraries.CRT + "' module to enable CRC64NVME feature.");
    }

    @Substitute
    static SdkChecksum crtXxHash(ChecksumAlgorithm algorithm) {
        throw new RuntimeException(String.format("Could not load %s for algorithm: %s. Add dependency on '%s' module.",
                "software.amazon.awssdk.crt.checksums.XXHash", algorithm.algorithmId(), AbsentLibraries.CRT));
    }
}
