package io.streamhub.viewing.play;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamhub.config.settings.ServiceConfig;
import io.streamhub.shared.app.AppConfigJson;
import io.streamhub.shared.app.EffectiveAppConfig;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The playback description's ICE servers: the app's own, else the installation's default, where "none" means none;
 * its announce URLs, with the installation's tracker pods as {@code /t/<i>} routes or a URL per pod.
 */
class PlaybackTest {

    static final EffectiveAppConfig MESH = AppConfigJson.read("{\"app\":\"mesh\",\"distribution\":{\"mode\":\"p2p\"}}");

    static ServiceConfig installation(List<String> defaultIceServers) {
        return installation(defaultIceServers, 0);
    }

    static ServiceConfig installation(List<String> defaultIceServers, int trackerPods) {
        return installation(defaultIceServers, trackerPods, List.of());
    }

    static ServiceConfig installation(List<String> defaultIceServers, int trackerPods, List<String> trackerPodUrls) {
        return (ServiceConfig) Proxy.newProxyInstance(ServiceConfig.class.getClassLoader(), new Class<?>[] {ServiceConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "publicHlsUrl" -> "https://origin.example.com";
                    case "publicUrl" -> "https://play.example.com";
                    case "defaultTrackerUrl" -> "wss://tracker.example.com/announce";
                    case "defaultIceServers" -> defaultIceServers;
                    case "trackerPods" -> trackerPods;
                    case "trackerPodUrls" -> trackerPodUrls.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(trackerPodUrls);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    static List<String> iceUrls(JsonNode playback) {
        List<String> urls = new ArrayList<>();
        playback.path("p2p").path("iceServers").forEach(s -> urls.add(s.path("urls").asText()));
        return urls;
    }

    @Test
    void aPushedAppsViewersPlayTheBucketsLivePlaylistNotTheRouters() {
        EffectiveAppConfig pushed = AppConfigJson.read("""
                {"app":"radio","distribution":{"mode":"cdn","cdn":{"base_url":"https://cdn.example.com"},
                 "push":{"s3":{"bucket":"live-hls","prefix":"radio/","public_base_url":"https://media.example.com/radio/","credentials_secret":"s3"}}}}""");
        JsonNode out = Playback.of("radio", "morning", pushed, installation(List.of()), null, null);
        assertEquals("https://media.example.com/radio/morning/live.m3u8", out.path("playlistUrl").asText());
        assertEquals(false, out.path("p2p").path("enabled").asBoolean());
        EffectiveAppConfig pulled = AppConfigJson.read("{\"app\":\"radio\",\"distribution\":{\"mode\":\"cdn\",\"cdn\":{\"base_url\":\"https://cdn.example.com\"}}}");
        assertEquals("https://cdn.example.com/hls/radio/morning/index.m3u8",
                Playback.of("radio", "morning", pulled, installation(List.of()), null, null).path("playlistUrl").asText());
    }

    @Test
    void anAppWithoutIceServersGetsTheInstallationsStunList() {
        assertEquals(List.of("stun:stun.a.example:3478", "turn:turn.b.example:3478"),
                iceUrls(Playback.of("mesh", "r1", MESH, installation(List.of("stun:stun.a.example:3478", "turn:turn.b.example:3478")), null, null)));
    }

    @Test
    void aShardedRoomGetsOneAnnounceListPerShardEachOnOnePod() {
        EffectiveAppConfig big = AppConfigJson.read("{\"app\":\"mass\",\"distribution\":{\"mode\":\"p2p\",\"p2p\":{\"swarm_shards\":\"auto\",\"expected_viewers\":100000}}}");
        JsonNode p2p = Playback.of("mass", "final", big, installation(List.of(), 4), null, null).path("p2p");
        assertEquals(10, p2p.path("shards").asInt(), "auto: one shard per 10,000 expected viewers");
        assertEquals("mass/final", p2p.path("swarmId").asText(), "the player appends /<shard>");
        java.util.Set<String> pods = new java.util.TreeSet<>();
        for (int k = 0; k < 10; k++) {
            String url = p2p.path("announceShards").path(k).path(0).asText();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("wss://tracker\\.example\\.com/t/([0-3])/announce/mass/final/" + k).matcher(url);
            assertEquals(true, m.matches(), url);
            pods.add(m.group(1));
            assertEquals(url, Playback.of("mass", "final", big, installation(List.of(), 4), null, null).path("p2p").path("announceShards").path(k).path(0).asText(),
                    "the same shard maps to the same pod every time");
        }
        assertEquals(true, pods.size() > 1, "one room's shards spread over the pods: " + pods);
        // Shard k on pod (CRC32("mass/final") + k) mod 4, CRC32("mass/final") mod 4 = 0: 3, 3, 2 and 2 shards, never more than ⌈10/4⌉.
        for (int k = 0; k < 10; k++) {
            assertEquals("wss://tracker.example.com/t/" + (k % 4) + "/announce/mass/final/" + k, p2p.path("announceShards").path(k).path(0).asText());
        }
        // Unsharded, without pod routing: the URL of every earlier release.
        assertEquals("wss://tracker.example.com/announce/mesh/r1",
                Playback.of("mesh", "r1", MESH, installation(List.of()), null, null).path("p2p").path("announce").path(0).asText());
    }

    @Test
    void withAUrlPerPodEachShardAnnouncesToItsPodsOwnUrl() {
        EffectiveAppConfig big = AppConfigJson.read("{\"app\":\"mass\",\"distribution\":{\"mode\":\"p2p\",\"p2p\":{\"swarm_shards\":5}}}");
        List<String> podUrls = List.of("ws://127.0.0.1:8184/announce", "ws://127.0.0.1:8185/announce/", "wss://t2.example.com/announce");
        JsonNode p2p = Playback.of("mass", "final", big, installation(List.of(), 0, podUrls), null, null).path("p2p");
        // CRC32("mass/final") mod 3 = 2: shards 0..4 on pods 2, 0, 1, 2, 0.
        assertEquals(List.of("wss://t2.example.com/announce/mass/final/0"), texts(p2p.path("announceShards").path(0)));
        assertEquals(List.of("ws://127.0.0.1:8184/announce/mass/final/1"), texts(p2p.path("announceShards").path(1)));
        assertEquals(List.of("ws://127.0.0.1:8185/announce/mass/final/2"), texts(p2p.path("announceShards").path(2)),
                "a trailing slash on a pod's URL is dropped");
        assertEquals(List.of("wss://t2.example.com/announce/mass/final/3"), texts(p2p.path("announceShards").path(3)));
        assertEquals(List.of("ws://127.0.0.1:8184/announce/mass/final/4"), texts(p2p.path("announceShards").path(4)));
        // Unsharded: shard 0's pod, CRC32("mesh/r1") mod 3 = 1.
        assertEquals(List.of("ws://127.0.0.1:8185/announce/mesh/r1"),
                texts(Playback.of("mesh", "r1", MESH, installation(List.of(), 0, podUrls), null, null).path("p2p").path("announce")));
        // An app's own trackers are taken as they are, whatever the installation's pods.
        EffectiveAppConfig own = AppConfigJson.read("{\"app\":\"mesh\",\"distribution\":{\"mode\":\"p2p\",\"p2p\":{\"trackers\":[\"wss://own.example.com/announce\"]}}}");
        assertEquals(List.of("wss://own.example.com/announce/mesh/r1"),
                texts(Playback.of("mesh", "r1", own, installation(List.of(), 0, podUrls), null, null).path("p2p").path("announce")));
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void noneMeansNoDefaultAndAnAppsOwnListWins() {
        assertEquals(List.of(), iceUrls(Playback.of("mesh", "r1", MESH, installation(List.of("none")), null, null)));
        EffectiveAppConfig own = AppConfigJson.read("{\"app\":\"mesh\",\"distribution\":{\"mode\":\"p2p\",\"p2p\":{\"ice_servers\":[\"stun:own.example:3478\"]}}}");
        assertEquals(List.of("stun:own.example:3478"), iceUrls(Playback.of("mesh", "r1", own, installation(List.of("stun:default.example:3478")), null, null)));
        EffectiveAppConfig empty = AppConfigJson.read("{\"app\":\"mesh\",\"distribution\":{\"mode\":\"p2p\",\"p2p\":{\"ice_servers\":[]}}}");
        assertEquals(List.of(), iceUrls(Playback.of("mesh", "r1", empty, installation(List.of("stun:default.example:3478")), null, null)));
    }
}
