package io.streamhub.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * One of our services as a real process ({@code java -jar …/quarkus-run.jar}) on a free loopback
 * port, with health and metrics on a second one (the management interface, {@code MANAGEMENT_PORT}),
 * its output in {@code target/it-logs/<name>.log}; ready when {@code /q/health/ready} says so.
 */
public final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final int port;
    private final int managementPort = Ports.freePort();
    private final Path jar;
    private final Map<String, String> env;
    private Process process;

    private ServiceProcess(String name, int port, Path jar, Map<String, String> env) {
        this.name = name;
        this.port = port;
        this.jar = jar;
        this.env = env;
    }

    /** Starts the jar with {@code env} (plus PORT and a loopback host) and waits until it is ready. */
    public static ServiceProcess start(String name, Path jar, Map<String, String> env) throws IOException {
        return start(name, jar, port -> env);
    }

    /** As {@link #start(String, Path, Map)}, for settings that depend on the chosen port. */
    public static ServiceProcess start(String name, Path jar, IntFunction<Map<String, String>> env) throws IOException {
        int port = Ports.freePort();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: build the module first (mvn install)");
        }
        ServiceProcess service = new ServiceProcess(name, port, jar, Map.copyOf(env.apply(port)));
        service.launch(false);
        try {
            service.awaitReady();
        } catch (RuntimeException e) {
            // Never ready: stop it here, since the caller gets no handle to stop it by.
            service.close();
            throw e;
        }
        return service;
    }

    /**
     * SIGKILLs the process and starts it again on the same port with the same settings, as a crashed
     * pod comes back; returns once the new process is listening (not necessarily ready: that is what a
     * fault test measures). The log of the new run is appended to the old.
     */
    public void restartAfterKill() throws IOException, InterruptedException {
        kill();
        launch(true);
        awaitListening();
    }

    /**
     * Starts the process again after {@link #kill()}, on the same ports with the same settings (a pod
     * that was down for a while and comes back at the same address); returns once it is ready. The log
     * of the new run is appended to the old.
     */
    public void startAgain() throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running: kill() it first");
        }
        launch(true);
        awaitReady();
    }

    private void launch(boolean append) throws IOException {
        Path logs = Path.of("target/it-logs");
        Files.createDirectories(logs);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toString()));
        java.io.File log = logs.resolve(name + ".log").toFile();
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(append ? ProcessBuilder.Redirect.appendTo(log) : ProcessBuilder.Redirect.to(log));
        pb.environment().putAll(env);
        pb.environment().put("PORT", Integer.toString(port));
        pb.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        pb.environment().put("MANAGEMENT_PORT", Integer.toString(managementPort));
        pb.environment().put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
        process = pb.start();
    }

    /** Until anything answers HTTP: the process is up, whatever it says of itself. */
    private void awaitListening() {
        awaitHealth("/q/health/live", "listening", status -> true);
    }

    private void awaitReady() {
        awaitHealth("/q/health/ready", "ready", status -> status == 200);
    }

    private void awaitHealth(String path, String what, java.util.function.IntPredicate accept) {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(2)).build();
        await(name + " " + what).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited; see target/it-logs/" + name + ".log");
            }
            try {
                return accept.test(client.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode());
            } catch (IOException e) {
                return false; // not listening yet
            }
        });
    }

    public int port() {
        return port;
    }

    /** A URL of the service; {@code /q/…} (health, metrics, OpenAPI) is on the management port. */
    public String url(String path) {
        return "http://127.0.0.1:" + (path.startsWith("/q/") ? managementPort : port) + path;
    }

    /** The id of the running process, for tools that attach to it ({@code jcmd}). */
    public long pid() {
        return process.pid();
    }

    /** As a crash: no goodbye. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        Processes.stop(process);
    }
}
