package io.streamhub.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamhub.testsupport.LocalRedis;
import io.streamhub.testsupport.ServiceProcess;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Push to S3, end to end against a real S3-compatible server (s3rver): the orchestrator starts the
 * pushed app's egress with the bucket and the Secret's key, the simulated egress uploads what LiveKit
 * would (segments, the live playlist, the recording; no Cache-Control; nothing on the origin's disk),
 * playback points the player at the bucket's public URL, and headless Chromium plays it from there.
 */
class PushToS3IT {

    static final Path WORK = Path.of("target", "e2e-push").toAbsolutePath();
    static final Pattern KEY = Pattern.compile("<Key>([^<]+)</Key>");

    @Test
    void aPushedRoomLandsInTheBucketUnderItsKeysAndPlaysFromThereInChromium() throws Exception {
        ViewersIT.deleteRecursively(WORK);
        Files.createDirectories(WORK.resolve("apps"));
        Path data = WORK.resolve("data");
        Path secrets = WORK.resolve("secrets");
        Files.createDirectories(secrets.resolve("s3-radio"));
        Files.writeString(secrets.resolve("s3-radio/access_key_id"), S3Server.ACCESS_KEY + "\n");
        Files.writeString(secrets.resolve("s3-radio/secret_access_key"), S3Server.SECRET_KEY + "\n");
        LocalRedis redis = LocalRedis.start(WORK.resolve("redis"));
        List<ServiceProcess> services = new ArrayList<>();
        try (S3Server s3 = new S3Server(WORK.resolve("s3"), "live-hls")) {
            Map<String, String> redisEnv = Map.of("REDIS_URL", redis.url());
            ServiceProcess origin = ServiceProcess.start("push-origin", ViewersIT.jar("hls-router"),
                    port -> E2eEnv.merge(redisEnv, E2eEnv.origin("local", port, data)));
            services.add(origin);
            Files.writeString(WORK.resolve("apps/radio.yaml"), """
                    app: radio
                    distribution:
                      mode: cdn
                      hls: { segment_seconds: 2, renditions: [audio] }
                      push:
                        s3: { bucket: live-hls, endpoint: "%s", prefix: pushed/, public_base_url: "%s", credentials_secret: s3-radio }
                    """.formatted(s3.endpoint(), s3.url("pushed")));
            ServiceProcess config = ServiceProcess.start("push-config", ViewersIT.jar("config-service"),
                    port -> E2eEnv.merge(redisEnv, E2eEnv.configService(WORK, origin.url(""), port)));
            services.add(config);
            services.add(ServiceProcess.start("push-egress", ViewersIT.jar("egress-orchestrator"), E2eEnv.merge(redisEnv,
                    E2eEnv.simulatedEgress(data, "radio:morning"), Map.of("ORCHESTRATOR_PUSH_CREDENTIALS_DIR", secrets.toString()))));

            await("the live playlist is in the bucket").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> ViewersIT.get(s3.url("pushed/morning/live.m3u8")).statusCode() == 200
                            && ViewersIT.get(s3.url("pushed/morning/live.m3u8")).body().contains("-g1-seg00001.ts"));
            JsonObject playback = new JsonObject(ViewersIT.get(config.url("/api/apps/radio/rooms/morning/playback")).body());
            assertEquals(s3.url("pushed/morning/live.m3u8"), playback.getString("playlistUrl"), "viewers go to the bucket, not the routers");

            TreeSet<String> keys = new TreeSet<>();
            Matcher m = KEY.matcher(ViewersIT.get(s3.endpoint() + "/live-hls?prefix=").body());
            while (m.find()) {
                keys.add(m.group(1));
            }
            String segment = keys.stream().filter(k -> k.endsWith("-g1-seg00000.ts")).findFirst().orElseThrow(() -> new AssertionError(keys.toString()));
            String session = segment.substring("pushed/morning/".length(), segment.indexOf("-g1-seg"));
            assertTrue(session.matches("\\d{8}T\\d{9}Z"), "segments carry the session: " + segment);
            assertTrue(keys.contains("pushed/morning/live.m3u8") && keys.contains("pushed/morning/rec-" + session + "-g1.m3u8"), keys.toString());
            for (String k : keys) {
                assertTrue(k.startsWith("pushed/morning/") && (k.equals("pushed/morning/live.m3u8")
                        || k.equals("pushed/morning/rec-" + session + "-g1.m3u8") || k.matches("pushed/morning/" + session + "-g1-seg\\d{5}\\.ts")),
                        "only what LiveKit uploads, under the app's prefix: " + k);
            }
            HttpResponse<String> object = ViewersIT.get(s3.url(segment));
            assertFalse(object.headers().firstValue("Cache-Control").isPresent(), "LiveKit's upload sets no Cache-Control (docs/s3.md)");
            assertEquals("video/mp2t", object.headers().firstValue("Content-Type").orElse(""));
            assertFalse(Files.exists(data.resolve("apps/radio")), "a pushed room writes nothing to the origin's disk");
            assertEquals(404, ViewersIT.get(origin.url("/hls/radio/morning/index.m3u8")).statusCode());

            try (Viewers viewers = new Viewers(config.url("/play/radio/morning"), 1)) {
                await("Chromium plays it from the bucket").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                    JsonArray s = viewers.latest();
                    return s != null && s.size() == 1 && s.getJsonObject(0).getLong("http") > 0
                            && "playing".equals(s.getJsonObject(0).getString("state"));
                });
                JsonObject v = viewers.latest().getJsonObject(0);
                System.out.println("pushed viewer: " + v.encode());
                assertEquals("hls", v.getString("path"));
            }
        } finally {
            for (int i = services.size() - 1; i >= 0; i--) {
                services.get(i).close();
            }
            redis.close();
        }
    }
}
