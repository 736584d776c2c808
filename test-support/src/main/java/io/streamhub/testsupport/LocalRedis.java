package io.streamhub.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import redis.embedded.core.ExecutableProvider;

/**
 * A real Redis server for tests and for {@code ./streamhub up}, found in this order:
 * <ol>
 * <li>{@code REDIS_URL}: a server someone already runs (never stopped or flushed by us);</li>
 * <li>{@code redis-server} on {@code PATH}, started on a free 127.0.0.1 port;</li>
 * <li>the binary shipped in the {@code com.github.codemonstur:embedded-redis} artifact;</li>
 * <li>Testcontainers, when a Docker engine is available.</li>
 * </ol>
 * Servers we start can be stopped and restarted on the same port, to test outages.
 */
public final class LocalRedis implements AutoCloseable {

    /** Where the server came from. */
    public enum Kind { EXTERNAL, PATH, EMBEDDED, CONTAINER }

    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private final Kind kind;
    private final String binary;
    private final Path workDir;
    private final String host;
    private final int port;
    private Process process;
    private GenericContainer<?> container;

    private LocalRedis(Kind kind, String binary, Path workDir, String host, int port) {
        this.kind = kind;
        this.binary = binary;
        this.workDir = workDir;
        this.host = host;
        this.port = port;
    }

    /** Finds or starts a server; {@code workDir} holds what a started server writes. */
    public static LocalRedis start(Path workDir) throws IOException {
        String url = System.getenv("REDIS_URL");
        if (url != null && !url.isBlank()) {
            URI uri = URI.create(url);
            return new LocalRedis(Kind.EXTERNAL, null, workDir, uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 6379);
        }
        Files.createDirectories(workDir);
        String onPath = Executables.find("redis-server");
        if (onPath != null) {
            return startProcess(Kind.PATH, onPath, workDir);
        }
        IOException embeddedFailure;
        try {
            return startEmbedded(workDir);
        } catch (IOException | RuntimeException e) {
            embeddedFailure = e instanceof IOException io ? io : new IOException(e);
        }
        if (DockerClientFactory.instance().isDockerAvailable()) {
            return startContainer(workDir);
        }
        throw new IOException("no Redis: set REDIS_URL, install redis-server, or run on a platform the embedded binary supports",
                embeddedFailure);
    }

    /** A redis-server to start: the one on {@code PATH}, else the embedded artifact's, extracted into {@code workDir/bin}. */
    static String serverBinary(Path workDir) throws IOException {
        String onPath = Executables.find("redis-server");
        return onPath != null ? onPath : embeddedBinary(workDir);
    }

    /** The binary shipped in the embedded-redis artifact, extracted into {@code workDir/bin}. */
    private static String embeddedBinary(Path workDir) throws IOException {
        Files.createDirectories(workDir.resolve("bin"));
        return ExecutableProvider.newJarResourceProvider(workDir.resolve("bin").toFile()).get().getAbsolutePath();
    }

    static LocalRedis startEmbedded(Path workDir) throws IOException {
        return startProcess(Kind.EMBEDDED, embeddedBinary(workDir), workDir);
    }

    private static LocalRedis startProcess(Kind kind, String binary, Path workDir) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            LocalRedis redis = new LocalRedis(kind, binary, workDir, "127.0.0.1", Ports.freePort());
            try {
                redis.launch();
                return redis;
            } catch (IOException e) {
                last = e; // the port was taken between probing and binding: try another
            }
        }
        throw last;
    }

    @SuppressWarnings("resource")
    private static LocalRedis startContainer(Path workDir) {
        GenericContainer<?> c = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
        c.start();
        LocalRedis redis = new LocalRedis(Kind.CONTAINER, null, workDir, c.getHost(), c.getMappedPort(6379));
        redis.container = c;
        return redis;
    }

    private void launch() throws IOException {
        List<String> cmd = List.of(binary, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", workDir.toAbsolutePath().toString(),
                "--protected-mode", "no");
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("redis-" + port + ".log").toFile()).start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("redis-server exited with " + process.exitValue() + "; see "
                        + workDir.resolve("redis-" + port + ".log"));
            }
            if (ping()) {
                return;
            }
            sleep(25);
        }
        process.destroyForcibly();
        throw new IOException("redis-server did not answer PING within " + START_TIMEOUT);
    }

    public Kind kind() {
        return kind;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://" + host + ':' + port;
    }

    /** Only a server we started can be stopped and restarted. */
    public boolean canRestart() {
        return kind == Kind.PATH || kind == Kind.EMBEDDED;
    }

    /** Stops the server as a crash would (SIGKILL): clients see their connections drop. */
    public void stop() {
        requireOwned();
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts the server again on the same port (empty: nothing is persisted). */
    public void restart() throws IOException {
        requireOwned();
        stop();
        launch();
    }

    /** Freezes the server (SIGSTOP): connections stay open and nothing answers, as in a long GC or a stalled VM. */
    public void pause() throws IOException {
        signal("STOP");
    }

    /** Thaws a {@link #pause}d server (SIGCONT). */
    public void resume() throws IOException {
        signal("CONT");
    }

    /** {@code FLUSHALL}: every key gone, as after a restart without persistence, with the server still up. */
    public void flushAll() throws IOException {
        if (!"OK".equals(command("FLUSHALL"))) {
            throw new IOException("FLUSHALL was not acknowledged");
        }
    }

    /** One command over a fresh connection ({@link Resp#text}): the reply as text, {@code null} for nil. */
    public String command(String... args) throws IOException {
        return Resp.text(host, port, args);
    }

    private void signal(String name) throws IOException {
        requireOwned();
        Signals.send(process, name);
    }

    private void requireOwned() {
        if (!canRestart()) {
            throw new IllegalStateException("this Redis (" + kind + ") is not ours to stop");
        }
    }

    /** True when the server answers PING with PONG. */
    public boolean ping() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 500);
            s.setSoTimeout(500);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[7];
            int n = in.readNBytes(buf, 0, 7);
            return n == 7 && new String(buf, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (process != null) {
            Processes.stop(process);
        }
        if (container != null) {
            container.stop();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * For {@code ./streamhub up}: starts (or finds) a server, prints {@code REDIS_URL=…} and runs
     * until killed. Argument: the working folder.
     */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : ".streamhub/redis");
        LocalRedis redis = start(dir);
        Runtime.getRuntime().addShutdownHook(new Thread(redis::close));
        System.out.println("REDIS_URL=" + redis.url() + " (" + redis.kind() + ")");
        System.out.flush();
        while (redis.kind() == Kind.EXTERNAL || redis.process == null || redis.process.isAlive()) {
            Thread.sleep(1000);
        }
        System.err.println("redis-server exited with " + redis.process.exitValue());
        System.exit(1);
    }
}
