package io.streamhub.config.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamhub.shared.app.EffectiveAppConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AppConfigValidatorTest {

    static final Path EXAMPLES = Path.of("../examples/apps");

    final AppConfigValidator validator = new AppConfigValidator();

    @Test
    void everyExampleIsValid() throws Exception {
        AppConfigValidator.Result r = validator.validateFolder(EXAMPLES);
        assertEquals(List.of(), r.problems());
        assertEquals(List.of("classroom", "demo", "festival", "newsroom", "plain", "radio", "shop"), List.copyOf(r.apps().keySet()));
        for (String mode : List.of("edge", "cdn", "p2p", "hybrid")) {
            assertTrue(r.apps().values().stream().anyMatch(a -> a.mode().wire().equals(mode)),
                    "an example for mode " + mode);
        }
    }

    @Test
    void defaultsAreMergedIntoTheEffectiveConfig() {
        EffectiveAppConfig e = validator.validateFile("mini.yaml", "app: mini\ndistribution:\n  mode: p2p\n").apps().get("mini");
        assertEquals(6, e.hls().segmentSeconds());
        assertEquals(6, e.hls().listSize());
        assertEquals("720p", e.hls().renditions().get(0));
        assertTrue(e.p2p().enabled(), "P2P is on by default in p2p mode");
        assertFalse(e.distribution().playback().signed());
        EffectiveAppConfig cdn = validator.validateFile("c.yaml", "app: c\ndistribution:\n  mode: cdn\n  cdn: {base_url: https://cdn.example.com}\n")
                .apps().get("c");
        assertFalse(cdn.p2p().enabled(), "P2P is off by default in cdn mode");
        assertEquals("bunny", cdn.distribution().cdn().orElseThrow().provider());
    }

    @Test
    void theSchemaOffersExactlyTheSharedLadder() throws Exception {
        // The schema's rendition enum and shared's Rendition are two spellings of one contract.
        var schema = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                AppConfigValidatorTest.class.getResourceAsStream("/schema/app-config.schema.json"));
        List<String> offered = new java.util.ArrayList<>();
        schema.at("/properties/distribution/properties/hls/properties/renditions/items/enum").forEach(n -> offered.add(n.asText()));
        assertEquals(java.util.Arrays.stream(io.streamhub.shared.Rendition.values()).map(io.streamhub.shared.Rendition::wire).toList(),
                offered);
        EffectiveAppConfig radio = validator.validateFile("radio.yaml",
                "app: radio\ndistribution:\n  mode: cdn\n  cdn: {base_url: https://cdn.example.com}\n  hls:\n    renditions: [audio]\n")
                .apps().get("radio");
        assertEquals(List.of("audio"), radio.hls().renditions());
    }

    /** file text, expected line, expected field, a word the message must contain. */
    static List<Arguments> brokenFiles() {
        String head = "app: shop\ndistribution:\n";
        return List.of(
                Arguments.of(head + "  mode: cdn\n  cdn:\n    base_url: https://c.example.com\n    provder: bunny\n", 6, "distribution.cdn.provder", "unknown key"),
                Arguments.of(head + "  mode: cdn\n  cnd: {}\n", 4, "distribution.cnd", "unknown key"),
                Arguments.of(head + "  mode: broadcast\n", 3, "distribution.mode", "enumeration"),
                Arguments.of(head + "  mode: p2p\n  hls:\n    segment_seconds: 0\n", 5, "distribution.hls.segment_seconds", "minimum"),
                Arguments.of(head + "  mode: p2p\n  hls:\n    segment_seconds: 31\n", 5, "distribution.hls.segment_seconds", "maximum"),
                Arguments.of(head + "  mode: p2p\n  hls:\n    list_size: 2\n", 5, "distribution.hls.list_size", "minimum"),
                Arguments.of(head + "  mode: p2p\n  hls:\n    list_size: 21\n", 5, "distribution.hls.list_size", "maximum"),
                Arguments.of(head + "  mode: p2p\n  hls:\n    segment_seconds: six\n", 5, "distribution.hls.segment_seconds", "integer"),
                Arguments.of(head + "  mode: p2p\n  hls:\n    renditions: [4k]\n", 5, "distribution.hls.renditions[0]", "enumeration"),
                Arguments.of(head + "  mode: cdn\n", 3, "distribution.cdn.base_url", "required for mode cdn"),
                Arguments.of(head + "  mode: hybrid\n", 3, "distribution.cdn.base_url", "required for mode hybrid"),
                Arguments.of(head + "  mode: cdn\n  cdn:\n    base_url: ftp://cdn.example.com\n", 5, "distribution.cdn.base_url", "pattern"),
                Arguments.of(head + "  mode: cdn\n  cdn:\n    base_url: https://cdn.example.com?x=1\n", 5, "distribution.cdn.base_url", "query"),
                Arguments.of(head + "  mode: edge\n", 3, "distribution.edges", "at least one edge"),
                Arguments.of(head + "  mode: edge\n  edges:\n    - {zone: eu}\n", 5, "distribution.edges[0].url", "required"),
                Arguments.of(head + "  mode: p2p\n  p2p:\n    trackers: [https://tracker.example.com]\n", 5, "distribution.p2p.trackers[0]", "pattern"),
                Arguments.of(head + "  mode: p2p\n  p2p:\n    ice_servers: [stun.example.com]\n", 5, "distribution.p2p.ice_servers[0]", "pattern"),
                Arguments.of(head + "  mode: p2p\n  p2p:\n    enabled: true\n  playback:\n    signed: true\n", 5, "distribution.p2p.enabled", "signed playback"),
                Arguments.of(head + "  mode: hybrid\n  cdn: {base_url: https://c.example.com}\n  playback:\n    signed: true\n", 6, "distribution.p2p.enabled", "signed playback"),
                Arguments.of(head + "  mode: cdn\n  cdn: {base_url: https://c.example.com}\n  p2p:\n    enabled: true\n", 6, "distribution.p2p.enabled", "needs mode p2p or hybrid"),
                Arguments.of("app: other\ndistribution:\n  mode: p2p\n", 1, "app", "must equal the file name"),
                Arguments.of("distribution:\n  mode: p2p\n", 1, "app", "required"),
                Arguments.of("app: shop\n", 1, "distribution", "required"),
                Arguments.of(head + "  mode: p2p\n  mode: cdn\n", 4, "", "Duplicate field"),
                Arguments.of(head + "  mode: [p2p\n", 4, "", "not valid YAML"),
                Arguments.of("- just\n- a list\n", 1, "", "must be a mapping"),
                Arguments.of(head + "  mode: p2p\n  playback:\n    signed: yes please\n", 5, "distribution.playback.signed", "boolean"),
                Arguments.of(head + "  mode: p2p\n  p2p:\n    timing:\n      high_demand_window_seconds: 40\n", 6,
                        "distribution.p2p.timing.high_demand_window_seconds", "must be less than p2p_download_window_seconds"),
                Arguments.of(head + "  mode: p2p\n  p2p:\n    timing:\n      live_sync_segments: 1\n", 6,
                        "distribution.p2p.timing.live_sync_segments", "minimum"),
                Arguments.of(head + "  mode: p2p\n  webrtc:\n    enabled: true\n", 5, "distribution.webrtc.enabled", "not p2p"),
                Arguments.of(head + "  mode: cdn\n  cdn: {base_url: https://c.example.com}\n  webrtc:\n    token_ttl: 30s\n", 6,
                        "distribution.webrtc.token_ttl", "from 1m to 24h"),
                Arguments.of(head + "  mode: cdn\n  cdn: {base_url: https://c.example.com}\n  webrtc:\n    token_ttl: 10 minutes\n", 6,
                        "distribution.webrtc.token_ttl", "pattern"),
                Arguments.of(head + "  mode: cdn\n  cdn: {base_url: https://c.example.com}\n  webrtc:\n    enable: true\n", 6,
                        "distribution.webrtc.enable", "unknown key"),
                Arguments.of(head + "  mode: edge\n  edges:\n    - {url: https://e.example.com}\n  push:\n    s3: {" + S3 + "}\n", 7,
                        "distribution.push.s3", "needs mode cdn"),
                Arguments.of(head + "  mode: p2p\n  push:\n    s3: {" + S3 + "}\n", 5, "distribution.p2p.enabled", "never passes the router"),
                Arguments.of(head + "  mode: cdn\n  hls:\n    renditions: [360p, 720p]\n  push:\n    s3: {" + S3 + "}\n", 5,
                        "distribution.hls.renditions", "one rendition"),
                Arguments.of(head + "  mode: cdn\n  push:\n    s3: {bucket: live-hls, public_base_url: https://cdn.example.com}\n", 5,
                        "distribution.push.s3.credentials_secret", "is required"),
                Arguments.of(head + "  mode: cdn\n  push:\n    s3: {" + S3.replace("s3-shop", "../etc") + "}\n", 5,
                        "distribution.push.s3.credentials_secret", "pattern"),
                Arguments.of(head + "  mode: cdn\n  push:\n    s3: {" + S3.replace("live-hls", "Live_HLS") + "}\n", 5,
                        "distribution.push.s3.bucket", "pattern"),
                Arguments.of(head + "  mode: cdn\n  push:\n    s3: {" + S3 + ", prefix: ../up/}\n", 5, "distribution.push.s3.prefix", "pattern"),
                Arguments.of(head + "  mode: cdn\n  push:\n    s3: {" + S3 + ", acl: public-read}\n", 5, "distribution.push.s3.acl", "unknown key"),
                Arguments.of(head + "  mode: cdn\n  cdn: {base_url: https://c.example.com}\n  vod:\n    retention: 30m\n", 6,
                        "distribution.vod.retention", "from 1h to 365d"),
                Arguments.of(head + "  mode: cdn\n  cdn: {base_url: https://c.example.com}\n  vod:\n    retention: forever\n", 6,
                        "distribution.vod.retention", "pattern"));
    }

    static final String S3 = "bucket: live-hls, public_base_url: https://cdn.example.com/shop, credentials_secret: s3-shop";

    @Test
    void aPushedAppNeedsNoCdnBaseAndIsWarnedWhatItGivesUp() {
        AppConfigValidator.Result r = validator.validateFile("shop.yaml",
                "app: shop\ndistribution:\n  mode: cdn\n  push:\n    s3: {" + S3 + ", endpoint: http://127.0.0.1:9000}\n  vod:\n    retention: 7d\n");
        assertTrue(r.ok(), r.problems().toString());
        EffectiveAppConfig e = r.apps().get("shop");
        assertEquals("http://127.0.0.1:9000", e.push().orElseThrow().endpoint().orElseThrow());
        assertEquals(7 * 86_400, e.vod().retentionSeconds());
        assertEquals(1, r.warnings().size(), r.warnings().toString());
        Problem w = r.warnings().get(0);
        assertEquals("distribution.push.s3", w.field());
        assertTrue(w.message().contains("list_size is not applied") && w.message().contains("Cache-Control"), w.message());
        AppConfigValidator.Result both = validator.validateFile("shop.yaml",
                "app: shop\ndistribution:\n  mode: cdn\n  cdn: {base_url: https://c.example.com}\n  push:\n    s3: {" + S3 + "}\n");
        assertTrue(both.ok());
        assertTrue(both.warnings().stream().anyMatch(p -> p.field().equals("distribution.cdn.base_url") && p.message().contains("not used")),
                both.warnings().toString());
    }

    @Test
    void noStunOnAPublicP2pAppIsAWarningNotAnError() {
        String head = "app: mesh\ndistribution:\n  mode: hybrid\n  cdn: {base_url: https://cdn.example.com}\n  p2p:\n    enabled: true\n";
        AppConfigValidator.Result none = validator.validateFile("mesh.yaml", head + "    ice_servers: []\n");
        assertTrue(none.ok(), "still applied");
        assertEquals(1, none.warnings().size(), none.warnings().toString());
        Problem w = none.warnings().get(0);
        assertEquals(7, w.line());
        assertEquals("distribution.p2p.ice_servers", w.field());
        assertTrue(w.message().contains("cdn.example.com"), w.message());
        // Left out, the installation's default STUN list applies; listed, the app's own: neither warns.
        assertTrue(validator.validateFile("mesh.yaml", head).warnings().isEmpty());
        assertTrue(validator.validateFile("mesh.yaml", head + "    ice_servers: [stun:stun.example.com:3478]\n").warnings().isEmpty());
        // Loopback or private hosts only (a lab, the local demo): no warning.
        assertTrue(validator.validateFile("lab.yaml", "app: lab\ndistribution:\n  mode: p2p\n  p2p:\n    enabled: true\n"
                + "    trackers: [ws://127.0.0.1:8084/announce, ws://10.1.2.3/announce, ws://tracker.local/announce]\n    ice_servers: []\n")
                .warnings().isEmpty());
        // P2P off: nothing to warn about.
        assertTrue(validator.validateFile("mesh.yaml", head.replace("enabled: true", "enabled: false") + "    ice_servers: []\n").warnings().isEmpty());
    }

    @ParameterizedTest
    @MethodSource("brokenFiles")
    void everyRuleHasAFailingExample(String text, int line, String field, String word) {
        AppConfigValidator.Result r = validator.validateFile("shop.yaml", text);
        assertFalse(r.ok(), "should be rejected:\n" + text);
        assertTrue(r.apps().isEmpty(), "nothing of a rejected file is applied");
        Problem p = r.problems().get(0);
        String all = r.problems().toString();
        assertEquals("shop.yaml", p.file());
        assertTrue(r.problems().stream().anyMatch(q -> q.field().equals(field) && q.line() == line && q.message().contains(word)),
                "expected " + field + " at line " + line + " mentioning '" + word + "', got " + all);
    }

    @Test
    void oneBadFileRejectsTheWholeFolder(@TempDir Path dir) throws Exception {
        Files.copy(EXAMPLES.resolve("shop.yaml"), dir.resolve("shop.yaml"));
        Files.writeString(dir.resolve("festival.yaml"), "app: festival\ndistribution:\n  mode: hybrid\n");
        AppConfigValidator.Result r = validator.validateFolder(dir);
        assertTrue(r.apps().isEmpty(), "a change is applied entirely or not at all");
        assertEquals("festival.yaml:3: distribution.cdn.base_url: is required for mode hybrid", r.problems().get(0).toString());
    }

    @Test
    void fileNamesAndSizesAreChecked(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("shop.yml"), "app: shop\n");
        Files.writeString(dir.resolve("bad name.yaml"), "app: x\n");
        Files.writeString(dir.resolve("huge.yaml"), "# " + "x".repeat(AppConfigValidator.MAX_FILE_BYTES));
        Files.writeString(dir.resolve("README.md"), "not an app");
        Files.createDirectories(dir.resolve("..data"));
        List<String> problems = validator.validateFolder(dir).problems().stream().map(Problem::toString).toList();
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("bad name.yaml: the file name must be <app>.yaml"), problems.toString());
        assertTrue(problems.get(1).startsWith("huge.yaml: larger than"), problems.toString());
        assertEquals("shop.yml: app files end in .yaml", problems.get(2));
    }
}
