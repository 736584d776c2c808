package io.streamhub.e2e;

import static org.awaitility.Awaitility.await;

import io.streamhub.testsupport.Executables;
import io.streamhub.testsupport.Ports;
import io.streamhub.testsupport.Processes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Debian's Varnish as a CDN pull zone in front of one backend: its built-in VCL and default
 * parameters, nothing tuned (no VCL of ours), so it caches exactly what the backend's headers say.
 * In the foreground ({@code -F}) and without its privilege-dropping jail, so it is one process
 * this test owns and stops by its PID.
 */
final class Varnish implements AutoCloseable {

    private final Process process;
    private final int port;

    private Varnish(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static Varnish start(Path workDir, String backendHostPort) throws IOException {
        String varnishd = Executables.find("varnishd");
        if (varnishd == null) {
            throw new IllegalStateException("Varnish is needed: apt-get install -y varnish (see .ci/run)");
        }
        Files.createDirectories(workDir);
        int port = Ports.freePort();
        Process p = new ProcessBuilder(List.of(varnishd, "-F", "-j", "none", "-n", workDir.toString(),
                "-a", "127.0.0.1:" + port, "-b", backendHostPort, "-s", "malloc,64m", "-T", "none"))
                .redirectErrorStream(true).redirectOutput(workDir.resolve("varnishd.log").toFile()).start();
        Varnish v = new Varnish(p, port);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        try {
            await("varnishd on " + port).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
                if (!p.isAlive()) {
                    throw new IllegalStateException("varnishd exited; see " + workDir.resolve("varnishd.log"));
                }
                http.send(HttpRequest.newBuilder(URI.create(v.url("/"))).build(), HttpResponse.BodyHandlers.discarding());
                return true;
            });
        } catch (RuntimeException e) {
            v.close();
            throw e;
        }
        return v;
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Override
    public void close() {
        Processes.stop(process);
    }
}
