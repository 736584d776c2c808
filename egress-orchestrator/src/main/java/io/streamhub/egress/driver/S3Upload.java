package io.streamhub.egress.driver;

import java.util.Optional;

/**
 * Where an egress uploads instead of writing to its node's disk: LiveKit's {@code S3Upload}.
 *
 * @param endpoint       an S3-compatible endpoint, or empty for AWS's
 * @param forcePathStyle {@code <endpoint>/<bucket>/<key>} addressing, which S3-compatible servers need
 */
public record S3Upload(String bucket, String region, Optional<String> endpoint, String accessKey, String secretKey,
                       boolean forcePathStyle) {

    @Override
    public String toString() { // never the secret in a log line
        return "S3Upload[bucket=" + bucket + ", region=" + region + ", endpoint=" + endpoint.orElse("aws") + "]";
    }
}
