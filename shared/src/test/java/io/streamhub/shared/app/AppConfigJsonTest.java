package io.streamhub.shared.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamhub.shared.app.EffectiveAppConfig.EgressKind;
import io.streamhub.shared.app.EffectiveAppConfig.Mode;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppConfigJsonTest {

    @Test
    void aMinimalDocumentGetsEveryDefault() {
        EffectiveAppConfig c = AppConfigJson.read("{\"app\":\"mini\",\"distribution\":{\"mode\":\"p2p\"}}");
        assertEquals(1, c.version(), "a document without a version is version 1");
        assertEquals(Mode.P2P, c.mode());
        assertEquals(AppDefaults.SEGMENT_SECONDS, c.hls().segmentSeconds());
        assertEquals(AppDefaults.LIST_SIZE, c.hls().listSize());
        assertEquals(List.of(AppDefaults.RENDITION), c.hls().renditions());
        assertEquals(EgressKind.ROOM_COMPOSITE, c.hls().egress());
        assertTrue(c.p2p().enabled(), "P2P is on by default in the modes built on it");
        assertTrue(c.distribution().cdn().isEmpty(), "no CDN block where neither the file nor the mode asks for one");
        assertTrue(c.p2p().trackers().isEmpty() && c.p2p().allowedOrigins().isEmpty());
        assertTrue(c.p2p().iceServers().isEmpty(), "no ice_servers: the installation's default STUN list applies");
        EffectiveAppConfig none = AppConfigJson.read("{\"app\":\"x\",\"distribution\":{\"mode\":\"p2p\",\"p2p\":{\"ice_servers\":[]}}}");
        assertEquals(List.of(), none.p2p().iceServers().orElseThrow(), "[] is kept apart from absent: no STUN at all");
        assertEquals(none, AppConfigJson.read(AppConfigJson.write(none)));
        assertFalse(c.distribution().playback().signed());

        EffectiveAppConfig cdn = AppConfigJson.read("{\"app\":\"c\",\"distribution\":{\"mode\":\"cdn\"}}");
        assertFalse(cdn.p2p().enabled(), "P2P is off by default in cdn mode");
        assertEquals(AppDefaults.CDN_PROVIDER, cdn.distribution().cdn().orElseThrow().provider());
        assertTrue(cdn.distribution().cdn().orElseThrow().baseUrl().isEmpty());
    }

    @Test
    void whatIsWrittenReadsBackEqualAndCarriesTheVersion() {
        String doc = """
                {"app":"festival","distribution":{"mode":"hybrid",
                  "cdn":{"base_url":"https://cdn.example.com","provider":"fastly"},
                  "edges":[{"url":"https://edge-eu.example.com","zone":"eu"},{"url":"https://edge-us.example.com"}],
                  "hls":{"segment_seconds":4,"list_size":8,"renditions":["540p","1080p"],"egress":"track_composite"},
                  "p2p":{"enabled":true,"trackers":["wss://t.example.com/announce"],"ice_servers":["stun:stun.example.com:3478"],
                         "allowed_origins":["https://shop.example.com"],
                         "timing":{"high_demand_window_seconds":2.5,"live_sync_segments":5}},
                  "playback":{"signed":false}}}""";
        EffectiveAppConfig c = AppConfigJson.read(doc);
        String written = AppConfigJson.write(c);
        assertEquals(c, AppConfigJson.read(written));
        assertEquals(EffectiveAppConfig.VERSION, new JsonObject(written).getInteger(AppConfigJson.VERSION_FIELD));
        assertEquals("eu", c.distribution().edges().get(0).zone().orElseThrow());
        assertTrue(c.distribution().edges().get(1).zone().isEmpty());
        assertTrue(c.hls().trackComposite());
        assertEquals("540p/", c.hls().folderOf("540p"), "with several renditions each has its folder");
        assertEquals(2.5, c.p2p().timing().orElseThrow().highDemandWindowSeconds().getAsDouble());
        assertTrue(c.p2p().timing().orElseThrow().p2pDownloadWindowSeconds().isEmpty());
        assertEquals(5, c.p2p().timing().orElseThrow().liveSyncSegments().getAsInt());
        // The written form keeps the YAML's field names: a reader of an earlier release finds them where it looks.
        JsonObject hls = new JsonObject(written).getJsonObject("distribution").getJsonObject("hls");
        assertEquals(8, hls.getInteger("list_size"));
    }

    @Test
    void aPushTargetAndAVodRetentionReadBackEqual() {
        EffectiveAppConfig c = AppConfigJson.read("""
                {"app":"radio","distribution":{"mode":"cdn","push":{"s3":{"bucket":"live-hls","endpoint":"http://127.0.0.1:9000",
                  "prefix":"radio/","public_base_url":"https://cdn.example.com/radio/","credentials_secret":"s3-radio"}},
                  "vod":{"retention":"7d"}}}""");
        EffectiveAppConfig.S3Push s3 = c.push().orElseThrow();
        assertEquals(AppDefaults.S3_REGION, s3.region(), "a target without a region gets the one S3-compatible servers accept");
        assertEquals("radio/morning/", s3.roomPrefix("morning"));
        assertEquals("https://cdn.example.com/radio/morning/live.m3u8", s3.publicUrl("morning", "live.m3u8"));
        assertEquals(7 * 86_400, c.vod().retentionSeconds());
        assertEquals(c, AppConfigJson.read(AppConfigJson.write(c)));

        EffectiveAppConfig plain = AppConfigJson.read("{\"app\":\"x\",\"distribution\":{\"mode\":\"cdn\"}}");
        assertTrue(plain.push().isEmpty());
        assertFalse(plain.vod().enabled(), "no vod block: no VOD");
        assertThrows(AppConfigFormatException.class, () -> AppConfigJson.read(
                "{\"app\":\"x\",\"distribution\":{\"mode\":\"cdn\",\"push\":{\"s3\":{\"bucket\":\"b\"}}}}"),
                "a push target without its public URL and Secret is no target");
        assertThrows(AppConfigFormatException.class, () -> AppConfigJson.read(
                "{\"app\":\"x\",\"distribution\":{\"mode\":\"cdn\",\"vod\":{\"retention\":\"a week\"}}}"));
    }

    @Test
    void aNewerVersionIsRefusedByNameNotGuessedAt() {
        UnsupportedConfigVersionException e = assertThrows(UnsupportedConfigVersionException.class,
                () -> AppConfigJson.read("{\"schema_version\":2,\"app\":\"x\",\"distribution\":{\"mode\":\"teleport\"}}"));
        assertEquals(2, e.version());
        assertTrue(e.getMessage().contains("version 2"), e.getMessage());
        assertThrows(AppConfigFormatException.class, () -> AppConfigJson.read("{\"schema_version\":0,\"app\":\"x\",\"distribution\":{\"mode\":\"cdn\"}}"));
    }

    @Test
    void unreadableInputIsAFormatErrorNeverAConfig() {
        for (String bad : new String[] {null, "not json", "[]", "{}", "{\"app\":\"x\"}", "{\"app\":\"x\",\"distribution\":{}}",
                "{\"app\":\"x\",\"distribution\":{\"mode\":\"teleport\"}}",
                "{\"app\":\"x\",\"distribution\":{\"mode\":\"cdn\",\"hls\":{\"list_size\":\"six\"}}}",
                "{\"app\":\"x\",\"distribution\":{\"mode\":\"cdn\",\"hls\":{\"list_size\":6.5}}}",
                "{\"app\":\"x\",\"distribution\":{\"mode\":\"p2p\",\"p2p\":{\"enabled\":\"yes\"}}}",
                "{\"app\":\"x\",\"distribution\":{\"mode\":\"cdn\",\"edges\":[{\"zone\":\"eu\"}]}}"}) {
            assertThrows(AppConfigFormatException.class, () -> AppConfigJson.read(bad), String.valueOf(bad));
        }
    }

    @Test
    void swarmShardsAreResolvedOnceForEveryReader() {
        assertEquals(1, AppConfigJson.read("{\"app\":\"x\",\"distribution\":{\"mode\":\"p2p\"}}").p2p().swarmShards());
        String auto = "{\"app\":\"x\",\"distribution\":{\"mode\":\"p2p\",\"p2p\":{\"swarm_shards\":\"auto\",\"expected_viewers\":%d}}}";
        assertEquals(1, AppConfigJson.read(String.format(auto, 0)).p2p().swarmShards());
        assertEquals(1, AppConfigJson.read(String.format(auto, 10_000)).p2p().swarmShards());
        assertEquals(11, AppConfigJson.read(String.format(auto, 100_001)).p2p().swarmShards());
        assertEquals(64, AppConfigJson.read(String.format(auto, 5_000_000)).p2p().swarmShards(), "capped at the shards a path can name");
        EffectiveAppConfig four = AppConfigJson.read("{\"app\":\"x\",\"distribution\":{\"mode\":\"p2p\",\"p2p\":{\"swarm_shards\":4}}}");
        assertEquals(4, four.p2p().swarmShards());
        assertEquals(four, AppConfigJson.read(AppConfigJson.write(four)));
        for (String bad : new String[] {"0", "65", "\"many\"", "2.5"}) {
            assertThrows(AppConfigFormatException.class, () -> AppConfigJson.read(
                    "{\"app\":\"x\",\"distribution\":{\"mode\":\"p2p\",\"p2p\":{\"swarm_shards\":" + bad + "}}}"), bad);
        }
    }

    @Test
    void fieldsANewerWriterAddsWithinOneVersionAreIgnored() {
        EffectiveAppConfig c = AppConfigJson.read("{\"schema_version\":1,\"app\":\"x\",\"future\":true,"
                + "\"distribution\":{\"mode\":\"cdn\",\"hls\":{\"list_size\":4,\"low_latency\":false}}}");
        assertEquals(4, c.hls().listSize());
    }
}
