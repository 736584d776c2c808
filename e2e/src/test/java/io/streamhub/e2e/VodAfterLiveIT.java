package io.streamhub.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamhub.testsupport.LocalRedis;
import io.streamhub.testsupport.Resp;
import io.streamhub.testsupport.ServiceProcess;
import io.vertx.core.json.JsonArray;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * VOD after the live, through the production path: a room plays live through the master; the
 * operator stops it; its origin claim lapses; the session's VOD playlist ({@code vod-<session>.m3u8})
 * is still served through the master, from the origin that holds it, as a complete VOD playlist
 * whose every segment is there; and the playback API lists it by session.
 */
class VodAfterLiveIT {

    static final Path WORK = Path.of("target", "e2e-vod").toAbsolutePath();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void anEndedSessionStaysPlayableThroughTheMasterAfterItsLiveClaimLapsed() throws Exception {
        ViewersIT.deleteRecursively(WORK);
        Files.createDirectories(WORK.resolve("apps"));
        Path data = WORK.resolve("data");
        LocalRedis redis = LocalRedis.start(WORK.resolve("redis"));
        List<ServiceProcess> services = new ArrayList<>();
        try {
            Map<String, String> redisEnv = Map.of("REDIS_URL", redis.url());
            services.add(ServiceProcess.start("vod-origin", ViewersIT.jar("hls-router"), port -> E2eEnv.merge(redisEnv,
                    E2eEnv.origin("local", port, data), Map.of("ROUTER_ORIGIN_SESSION_INTERVAL", "1s"))));
            ServiceProcess master = ServiceProcess.start("vod-master", ViewersIT.jar("hls-router"), port -> E2eEnv.merge(redisEnv,
                    Map.of("ROUTER_ROLE", "master", "ROUTER_NODE_ID", "master", "ROUTER_ADVERTISED_URL", "http://127.0.0.1:" + port)));
            services.add(master);
            Files.writeString(WORK.resolve("apps/talks.yaml"), """
                    app: talks
                    distribution:
                      mode: cdn
                      cdn: { base_url: "%s" }
                      hls: { segment_seconds: 2 }
                      vod: { retention: 7d }
                    """.formatted(master.url("")));
            ServiceProcess config = ServiceProcess.start("vod-config", ViewersIT.jar("config-service"),
                    port -> E2eEnv.merge(redisEnv, E2eEnv.configService(WORK, master.url(""), port)));
            services.add(config);
            ServiceProcess egress = ServiceProcess.start("vod-egress", ViewersIT.jar("egress-orchestrator"), E2eEnv.merge(redisEnv,
                    E2eEnv.simulatedEgress(data, "talks:keynote"), Map.of("ADMIN_TOKEN", "vod-admin")));
            services.add(egress);

            await("live through the master").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> segments(ViewersIT.get(master.url("/hls/talks/keynote/index.m3u8")).body()).size() >= 4);
            String session = Resp.text(redis.host(), redis.port(), "HGET", "sh:room:talks:keynote", "session");
            assertTrue(session != null && session.matches("\\d{8}T\\d{9}Z"), "the room names its session: " + session);
            String vod = "/hls/talks/keynote/vod-" + session + ".m3u8";
            String during = ViewersIT.get(master.url(vod)).body();
            assertTrue(during.contains("#EXT-X-PLAYLIST-TYPE:EVENT") && !during.contains("#EXT-X-ENDLIST"), "while live it grows:\n" + during);

            HttpResponse<String> stop = HTTP.send(HttpRequest.newBuilder(URI.create(egress.url("/api/rooms/talks/keynote/stop")))
                    .header("Authorization", "Bearer vod-admin").POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, stop.statusCode(), stop.body());
            await("the live claim lapses").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> Resp.text(redis.host(), redis.port(), "GET", "sh:origin:talks:keynote") == null);

            HttpResponse<String> after = ViewersIT.get(master.url(vod));
            assertEquals(200, after.statusCode(), after.body());
            String playlist = after.body();
            System.out.println("VOD after the live:\n" + playlist);
            assertTrue(playlist.contains("#EXT-X-PLAYLIST-TYPE:VOD") && playlist.strip().endsWith("#EXT-X-ENDLIST"), playlist);
            List<String> listed = segments(playlist);
            assertTrue(listed.size() >= 4, "the whole session, not a live window: " + listed);
            assertTrue(listed.get(0).startsWith(session + "-g1-seg00000"), "from its first segment: " + listed);
            for (String segment : listed) {
                HttpResponse<byte[]> s = HTTP.send(HttpRequest.newBuilder(URI.create(master.url("/hls/talks/keynote/" + segment))).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, s.statusCode(), segment + " through the master after the claim lapsed");
                assertTrue(s.body().length >= 188 && s.body()[0] == 0x47 && s.body().length % 188 == 0, segment + " is MPEG-TS");
            }
            assertEquals(404, ViewersIT.get(master.url("/hls/talks/keynote/index.m3u8")).statusCode(), "the live is over");
            assertEquals(404, ViewersIT.get(master.url("/hls/talks/keynote/vod-20000101T000000000Z.m3u8")).statusCode());

            JsonArray recordings = new JsonArray(ViewersIT.get(config.url("/api/apps/talks/rooms/keynote/recordings")).body());
            assertEquals(1, recordings.size(), recordings.encode());
            assertEquals(session, recordings.getJsonObject(0).getString("session"));
            assertEquals(master.url(vod), recordings.getJsonObject(0).getString("url"));
        } finally {
            for (int i = services.size() - 1; i >= 0; i--) {
                services.get(i).close();
            }
            redis.close();
        }
    }

    static List<String> segments(String playlist) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^([^#\\s][^\\s]*\\.ts)$").matcher(playlist);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
