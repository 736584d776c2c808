package io.streamhub.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real S3-compatible server for the push tests: s3rver from npm ({@code target/node/s3.mjs}), on
 * 127.0.0.1 and an ephemeral port, with one bucket that answers CORS for any origin. It takes
 * SigV4 requests signed with its own key ({@link #ACCESS_KEY}) and anonymous reads, as a public bucket does.
 */
final class S3Server implements AutoCloseable {

    static final String ACCESS_KEY = "S3RVER";
    static final String SECRET_KEY = "S3RVER";

    private final Process process;
    private final int port;
    final String bucket;

    S3Server(Path dir, String bucket) throws Exception {
        this.bucket = bucket;
        ProcessBuilder pb = new ProcessBuilder("node", "s3.mjs", dir.toString(), bucket).directory(Viewers.HARNESS.toFile());
        pb.redirectError(Path.of("target", "it-logs", "s3rver.err").toFile());
        process = pb.start();
        CompletableFuture<Integer> ready = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.startsWith("READY ")) {
                        return Integer.parseInt(line.substring(6).trim());
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            throw new IllegalStateException("s3rver exited before it listened (target/it-logs/s3rver.err)");
        });
        try {
            port = ready.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** The endpoint, as an app's {@code push.s3.endpoint} names it. */
    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** An object's anonymous URL (path-style). */
    String url(String key) {
        return endpoint() + "/" + bucket + "/" + key;
    }

    /** Stops the server; an interrupt while waiting for it stops the wait, not the clean-up, and is kept. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
