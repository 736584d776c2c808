package io.streamhub.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamhub.testsupport.LocalRedis;
import io.streamhub.testsupport.ServiceProcess;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The operator page in headless Chromium over running services: an origin router, the
 * orchestrator with its simulated egress and config-service with an admin token. The page shows
 * the room live with its media and origin nodes and egress id, the apps with their modes, the
 * config revision, and answers the advisor and the estimator. Screenshot: target/operator-page.png.
 */
class OperatorPageIT {

    static final Path WORK = Path.of("target", "e2e-operator").toAbsolutePath();
    static final Path SCREENSHOT = Path.of("target", "operator-page.png").toAbsolutePath();

    @Test
    void theOperatorSeesTheLiveRoomTheAppsAndTheAdvice() throws Exception {
        ViewersIT.deleteRecursively(WORK);
        Files.createDirectories(WORK.resolve("apps"));
        Files.deleteIfExists(SCREENSHOT);
        Path data = WORK.resolve("data");
        Files.writeString(WORK.resolve("apps/studio.yaml"), """
                app: studio
                distribution:
                  mode: p2p
                  hls:
                    segment_seconds: 2
                """);
        LocalRedis redis = LocalRedis.start(WORK.resolve("redis"));
        List<ServiceProcess> services = new ArrayList<>();
        try {
            Map<String, String> redisEnv = Map.of("REDIS_URL", redis.url());
            ServiceProcess origin = ServiceProcess.start("operator-origin", ViewersIT.jar("hls-router"), port -> E2eEnv.merge(redisEnv,
                    E2eEnv.origin("node-a", port, data)));
            services.add(origin);
            ServiceProcess config = ServiceProcess.start("operator-config", ViewersIT.jar("config-service"),
                    port -> E2eEnv.merge(redisEnv, E2eEnv.configService(WORK, origin.url(""), port),
                            Map.of("STREAMHUB_CONFIG_ADMIN_TOKEN", "operator-secret")));
            services.add(config);
            services.add(ServiceProcess.start("operator-egress", ViewersIT.jar("egress-orchestrator"),
                    E2eEnv.merge(redisEnv, E2eEnv.simulatedEgress(data, "studio:show"))));
            await("the room plays").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> ViewersIT.get(origin.url("/hls/studio/show/index.m3u8")).statusCode() == 200);

            JsonObject shown = page(config.url("/admin/"), "operator-secret", "studio/show");
            System.out.println("operator page showed: " + shown.encodePrettily());
            assertEquals(new JsonArray(), shown.getJsonArray("errors"), "no script errors on the page");
            assertTrue(shown.getString("askedForToken").contains("admin token"), "without the token the page asks for it");
            assertTrue(shown.getString("revision").startsWith("sha256:"), shown.getString("revision"));
            JsonArray app = row(shown.getJsonArray("apps"), "studio");
            assertEquals("p2p", app.getString(1));
            assertEquals("on", app.getString(3));
            JsonArray room = row(shown.getJsonArray("rooms"), "studio");
            assertEquals("show", room.getString(1));
            assertEquals("live", room.getString(2));
            assertEquals("node-a", room.getString(4), "the origin node that claimed the room");
            assertTrue(room.getString(5).startsWith("EG_sim_"), "the egress id: " + room.getString(5));
            assertTrue(shown.getString("advice").contains("mode: hybrid"), shown.getString("advice"));
            assertTrue(shown.getString("badEstimate").contains("viewers must be a whole number"), shown.getString("badEstimate"));
            assertTrue(shown.getString("estimate").contains("112500 GB in all, 33750 GB through the CDN"), shown.getString("estimate"));
            assertTrue(Files.size(SCREENSHOT) > 10_000, "a screenshot in " + SCREENSHOT);
        } finally {
            for (int i = services.size() - 1; i >= 0; i--) {
                services.get(i).close();
            }
            redis.close();
        }
    }

    static JsonArray row(JsonArray rows, String first) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.getJsonArray(i).getString(0).equals(first)) {
                return rows.getJsonArray(i);
            }
        }
        throw new AssertionError("no row for " + first + " in " + rows.encode());
    }

    static JsonObject page(String url, String token, String room) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("node", "operator.mjs", url, token, room, SCREENSHOT.toString())
                .directory(Viewers.HARNESS.toFile());
        pb.redirectError(Path.of("target", "it-logs", "operator.err").toFile());
        Files.createDirectories(Path.of("target", "it-logs"));
        Process p = pb.start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                throw new AssertionError("the operator page script did not finish in 120 s");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertEquals(0, p.exitValue(), "operator.mjs failed: " + out + " (see target/it-logs/operator.err)");
            return new JsonObject(out.substring(out.lastIndexOf('\n') + 1));
        } finally {
            p.destroyForcibly();
        }
    }
}
