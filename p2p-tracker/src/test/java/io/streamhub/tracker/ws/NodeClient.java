package io.streamhub.tracker.ws;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One npm {@code bittorrent-tracker} Client in its own Node process (target/node/interop-client.mjs),
 * its stdout lines collected for assertions, commands sent on stdin.
 */
final class NodeClient implements AutoCloseable {

    static final Path HARNESS = Path.of("target", "node");

    private final Process process;
    final List<String> lines = new CopyOnWriteArrayList<>();

    NodeClient(String announceUrl, String infoHashHex, String peerIdHex) throws IOException {
        if (!Files.isDirectory(HARNESS.resolve("node_modules/bittorrent-tracker"))) {
            throw new IllegalStateException("npm harness missing: the build runs 'npm ci' in " + HARNESS.toAbsolutePath());
        }
        process = new ProcessBuilder("node", "interop-client.mjs", announceUrl, infoHashHex, peerIdHex, "60000")
                .directory(HARNESS.toFile()).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("READ-FAILED " + e.getMessage());
            }
        }, "node-client-" + peerIdHex.substring(0, 8));
        reader.setDaemon(true);
        reader.start();
    }

    boolean saw(String prefix) {
        return lines.stream().anyMatch(l -> l.startsWith(prefix));
    }

    void command(String cmd) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((cmd + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    @Override
    public String toString() {
        return String.join("\n", lines);
    }
}
