package io.streamhub.e2e;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Headless Chromium viewers of one player page ({@code target/node/viewers.mjs}, playwright-core
 * driving Debian's chromium). Every 5 s it records one sample per viewer.
 */
final class Viewers implements AutoCloseable {

    static final Path HARNESS = Path.of("target", "node");

    private final Process process;
    final List<JsonArray> samples = new CopyOnWriteArrayList<>();
    final List<JsonArray> flushes = new CopyOnWriteArrayList<>();
    final List<String> errors = new CopyOnWriteArrayList<>();

    Viewers(String pageUrl, int count) throws IOException {
        this(pageUrl, count, "");
    }

    /** {@code metered}: the viewers (by index, comma-separated) whose page sees a cellular link with Save-Data on. */
    Viewers(String pageUrl, int count, String metered) throws IOException {
        this(pageUrl, count, metered, "");
    }

    /** {@code tamper}: the viewers (by index) that corrupt every segment they send to peers. */
    Viewers(String pageUrl, int count, String metered, String tamper) throws IOException {
        this(pageUrl, count, Map.of("METERED", metered, "TAMPER", tamper));
    }

    /** {@code env}: the harness's settings (viewers.mjs names them: METERED, TAMPER, TRACKER_RECONNECT_SCALE, …). */
    Viewers(String pageUrl, int count, Map<String, String> env) throws IOException {
        if (!Files.isRegularFile(Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium")))) {
            throw new IllegalStateException("headless Chromium is needed: apt-get install -y chromium (or set CHROMIUM)");
        }
        ProcessBuilder pb = new ProcessBuilder("node", "viewers.mjs", pageUrl, Integer.toString(count)).directory(HARNESS.toFile());
        pb.environment().putAll(env);
        pb.redirectError(Path.of("target", "it-logs", "viewers.err").toFile());
        process = pb.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.startsWith("[")) {
                        samples.add(new JsonArray(line));
                    } else if (line.startsWith("{")) {
                        flushes.add(new JsonObject(line).getJsonArray("flushed"));
                    }
                }
            } catch (IOException | RuntimeException e) {
                errors.add(e.toString());
            }
        }, "viewers-reader");
        reader.setDaemon(true);
        reader.start();
    }

    JsonArray latest() {
        return samples.isEmpty() ? null : samples.get(samples.size() - 1);
    }

    void command(String cmd) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((cmd + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    static long sum(JsonArray sample, String field) {
        long total = 0;
        for (int i = 0; i < sample.size(); i++) {
            total += sample.getJsonObject(i).getLong(field);
        }
        return total;
    }

    @Override
    public void close() {
        try {
            command("quit");
        } catch (IOException e) {
            // already gone
        }
        process.destroy();
    }
}
