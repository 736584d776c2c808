package io.streamhub.egress.simulated;

import io.streamhub.egress.driver.S3Upload;
import io.streamhub.shared.HlsFileType;
import java.io.IOException;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Objects under one key prefix of a bucket, uploaded as LiveKit's egress uploads them: a plain PUT per
 * file with its media type and <em>no</em> {@code Cache-Control} (the bucket or the CDN in front of it
 * supplies that, docs/s3.md), and nothing ever deleted. A PUT replaces an object whole, so a playlist
 * is never seen half-written. AWS SDK v2 over the JDK's HTTP client.
 */
final class BucketSink implements HlsSink, AutoCloseable {

    private final S3Client s3;
    private final String bucket;
    private final String keyPrefix;

    BucketSink(S3Upload target, String keyPrefix) {
        var builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(target.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(target.accessKey(), target.secretKey())))
                // Plain signed PUTs, as S3-compatible servers all take: no aws-chunked bodies, no trailing checksums.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(target.forcePathStyle())
                        .chunkedEncodingEnabled(false).build());
        target.endpoint().ifPresent(e -> builder.endpointOverride(URI.create(e)));
        this.s3 = builder.build();
        this.bucket = target.bucket();
        this.keyPrefix = keyPrefix;
    }

    @Override
    public void put(String name, byte[] content) throws IOException {
        HlsFileType t = HlsFileType.ofFileName(name);
        String type = t != null ? t.contentType() : "application/octet-stream";
        try {
            s3.putObject(PutObjectRequest.builder().bucket(bucket).key(keyPrefix + name).contentType(type).build(),
                    RequestBody.fromBytes(content));
        } catch (SdkException e) {
            throw new IOException("upload of " + keyPrefix + name + " to bucket " + bucket + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String name) {
        // LiveKit's upload leaves every segment in the bucket: so does this.
    }

    @Override
    public void close() {
        s3.close();
    }
}
