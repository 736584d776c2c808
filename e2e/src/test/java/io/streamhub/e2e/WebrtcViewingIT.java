package io.streamhub.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamhub.testsupport.LocalRedis;
import io.streamhub.testsupport.Ports;
import io.streamhub.testsupport.ServiceProcess;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The player page picks its path in headless Chromium: for an app with WebRTC viewing, playback
 * hands the viewer its media node's public LiveKit URL and a token, the page tries to join there,
 * and when that fails (no LiveKit server can be had on this machine: the URL's port is closed) it
 * plays HLS; for an app without it, the page goes straight to HLS and never tries.
 */
class WebrtcViewingIT {

    static final Path WORK = Path.of("target", "e2e-webrtc").toAbsolutePath();

    @Test
    void aWebrtcViewerFallsBackToHlsWhenTheJoinFailsAndAnHlsViewerNeverTries() throws Exception {
        ViewersIT.deleteRecursively(WORK);
        Files.createDirectories(WORK.resolve("apps"));
        Path data = WORK.resolve("data");
        int noLivekit = Ports.freePort();
        LocalRedis redis = LocalRedis.start(WORK.resolve("redis"));
        List<ServiceProcess> services = new ArrayList<>();
        try {
            Map<String, String> redisEnv = Map.of("REDIS_URL", redis.url());
            // The simulated egress runs its rooms on the media node "local": the origin is that node.
            ServiceProcess origin = ServiceProcess.start("webrtc-origin", ViewersIT.jar("hls-router"), port -> E2eEnv.merge(redisEnv,
                    E2eEnv.origin("local", port, data), Map.of("ROUTER_LIVEKIT_PUBLIC_URL", "ws://127.0.0.1:" + noLivekit)));
            services.add(origin);
            for (String app : List.of("rtc", "plainrtc")) {
                Files.writeString(WORK.resolve("apps/" + app + ".yaml"), """
                        app: %s
                        distribution:
                          mode: edge
                          edges: [{ url: "%s" }]
                          hls: { segment_seconds: 2 }
                          webrtc: { enabled: %s }
                        """.formatted(app, origin.url(""), app.equals("rtc")));
            }
            ServiceProcess config = ServiceProcess.start("webrtc-config", ViewersIT.jar("config-service"),
                    port -> E2eEnv.merge(redisEnv, E2eEnv.configService(WORK, origin.url(""), port),
                            Map.of("STREAMHUB_CONFIG_WEBRTC_API_KEY", "APIe2e", "STREAMHUB_CONFIG_WEBRTC_API_SECRET", "e2e-secret-of-enough-length-1234")));
            services.add(config);
            services.add(ServiceProcess.start("webrtc-egress", ViewersIT.jar("egress-orchestrator"),
                    E2eEnv.merge(redisEnv, E2eEnv.simulatedEgress(data, "rtc:show,plainrtc:show"))));
            await("both rooms play").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> ViewersIT.get(origin.url("/hls/rtc/show/index.m3u8")).statusCode() == 200
                            && ViewersIT.get(origin.url("/hls/plainrtc/show/index.m3u8")).statusCode() == 200
                            && new JsonObject(ViewersIT.get(config.url("/api/apps/rtc/rooms/show/playback")).body())
                                    .getJsonObject("webrtc", new JsonObject()).getBoolean("enabled", false));

            try (Viewers viewers = new Viewers(config.url("/play/rtc/show") + "|" + config.url("/play/plainrtc/show"), 2)) {
                await("both play over HLS").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                    JsonArray s = viewers.latest();
                    return s != null && s.size() == 2 && s.getJsonObject(0).getLong("http") > 0 && s.getJsonObject(1).getLong("http") > 0
                            && "playing".equals(s.getJsonObject(0).getString("state")) && "playing".equals(s.getJsonObject(1).getString("state"));
                });
                JsonArray s = viewers.latest();
                System.out.println("webrtc viewers: " + s.encodePrettily());
                JsonObject rtc = s.getJsonObject(0);
                JsonObject plain = s.getJsonObject(1);
                assertEquals("hls (WebRTC failed)", rtc.getString("path"));
                assertTrue(rtc.getString("webrtcError") != null && !rtc.getString("webrtcError").isEmpty(), rtc.encode());
                assertEquals("hls", plain.getString("path"));
                assertEquals(null, plain.getString("webrtcError"), "an HLS viewer never tries WebRTC");
            }
        } finally {
            for (int i = services.size() - 1; i >= 0; i--) {
                services.get(i).close();
            }
            redis.close();
        }
    }
}
