package io.streamhub.router.route;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.streamhub.router.support.RawHttp;
import io.streamhub.router.support.RoomFiles;
import io.streamhub.testsupport.RedisTestResource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests an attacker would send, written byte for byte on a socket: each gets a 400 or 404,
 * never a 5xx, never a byte of a file outside the HLS tree.
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class HostilePathTest {

    static final Path DATA = Path.of("target/test-data/all-in-one");
    static final String SECRET = "TOP-SECRET-NOT-HLS";

    @BeforeAll
    static void plantSecrets() throws Exception {
        RoomFiles room = new RoomFiles(DATA, "shop", "hostile").live(2, 0, 3, 512);
        Files.writeString(DATA.resolve("secret.ts"), SECRET);
        Files.writeString(DATA.resolve("apps/shop/secret.ts"), SECRET);
        Files.writeString(room.dir().resolve("notes.txt"), SECRET);
        Path link = room.dir().resolve("link.ts");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, DATA.resolve("secret.ts").toAbsolutePath());
        Path dirLink = room.dir().resolve("up");
        Files.deleteIfExists(dirLink);
        Files.createSymbolicLink(dirLink, DATA.toAbsolutePath());
    }

    static Stream<String> hostilePaths() {
        return Stream.of(
            "/hls/shop/hostile/../../secret.ts",
            "/hls/shop/hostile/../../../secret.ts",
            "/hls/shop/hostile/%2e%2e/%2e%2e/secret.ts",
            "/hls/shop/hostile/%2E%2E/%2E%2E/%2E%2E/secret.ts",
            "/hls/shop/hostile/..%2f..%2fsecret.ts",
            "/hls/shop/hostile/..%2F..%2F..%2Fsecret.ts",
            "/hls/shop/hostile/%252e%252e%252f%252e%252e%252fsecret.ts",
            "/hls/shop/hostile/..%5c..%5csecret.ts",
            "/hls/shop/hostile/..\\..\\secret.ts",
            "/hls/shop/hostile/.%2e/.%2e/secret.ts",
            "/hls/%2e%2e/%2e%2e/secret.ts",
            "/hls/shop/%2e%2e/secret.ts",
            "/hls/shop/hostile/seg0.ts%00.m3u8",
            "/hls/shop/hostile/seg0.ts%00",
            "/hls/shop/hostile/%00",
            "/hls/shop/hostile/notes.txt",
            "/hls/shop/hostile/secret",
            "/hls/shop/hostile/x.php",
            "/hls/shop/hostile/SEG0.TS",
            "/hls/shop/hostile/.live.m3u8",
            "/hls/shop/hostile/link.ts",
            "/hls/shop/hostile/up/secret.ts",
            "/hls/shop/hostile/seg0.ts?../../secret.ts",
            "/hls/shop/hostile/seg0.ts?file=..%2f..%2fsecret.ts",
            "/hls/shop/hostile/seg0.ts?p=..%5C..%5Csecret.ts",
            "/hls/shop/hostile/seg0.ts?a=..",
            "/hls/shop/hostile/seg0.ts?x=%00",
            "/hls/shop/hostile/seg0.ts?x=%0d%0aSet-Cookie:%20a=b",
            "/hls/shop/hostile/seg0.ts?x=%zz",
            "/hls/shop/hostile/seg0.ts?x=%4",
            "/hls/shop/hostile/seg0.ts?t=" + "q".repeat(3000),
            "/hls/shop/hostile/seg0.ts/",
            "/hls/shop/hostile//seg0.ts",
            "/hls//hostile/seg0.ts",
            "/hls/shop/hostile/a/b/seg0.ts",
            "/hls/shop/hostile/%73eg0.ts",
            "/hls/shop/hostile/seg0.ts;x=1",
            "/hls/shop/hostile/seg0%2Ets",
            "/hls/shop/hostile/" + "a".repeat(200) + ".ts",
            "/hls/" + "b".repeat(65) + "/hostile/seg0.ts",
            "/hls/shop/" + "c".repeat(5000) + "/seg0.ts",
            "/hls/shop/hostile/%zz.ts",
            "/hls/shop/hostile/%",
            "//hls/shop/hostile/../../../secret.ts",
            "/hls/sh%6fp/hostile/seg0.ts");
    }

    @ParameterizedTest
    @MethodSource("hostilePaths")
    void hostilePathsAreRefusedWithoutLeaking(String target) throws Exception {
        RawHttp.Response r = RawHttp.get(RestAssured.port, target);
        // 414 only where the request line itself exceeds the HTTP server's limit (4 KiB).
        boolean refused = r.status() == 400 || r.status() == 404 || (r.status() == 414 && target.length() > 4096);
        assertTrue(refused, target + " gave " + r.status());
        assertFalse(r.text().contains(SECRET), target + " leaked the secret");
    }

    @Test
    void theSameRoomIsServedForHonestPaths() throws Exception {
        await().atMost(Duration.ofSeconds(5)).until(() -> RawHttp.get(RestAssured.port, "/hls/shop/hostile/seg0.ts").status() == 200);
        assertEquals(200, RawHttp.get(RestAssured.port, "/hls/shop/hostile/index.m3u8").status());
    }

    @Test
    void honestQueryStringsAreIgnoredAndServeTheSameBytes() throws Exception {
        await().atMost(Duration.ofSeconds(5)).until(() -> RawHttp.get(RestAssured.port, "/hls/shop/hostile/seg0.ts").status() == 200);
        RawHttp.Response plain = RawHttp.get(RestAssured.port, "/hls/shop/hostile/seg0.ts");
        for (String query : new String[] {"?token=abc", "?token=a%2Bb%3D&expires=1700000000", "?cb=1", "?", "?a=...b"}) {
            RawHttp.Response r = RawHttp.get(RestAssured.port, "/hls/shop/hostile/seg0.ts" + query);
            assertEquals(200, r.status(), query);
            assertEquals(plain.text(), r.text(), query);
        }
        assertEquals(200, RawHttp.get(RestAssured.port, "/hls/shop/hostile/index.m3u8?token=abc").status());
    }

    @Test
    void absoluteFormRequestTargetsAreJudgedByTheirPath() throws Exception {
        RawHttp.Response r = RawHttp.get(RestAssured.port, "http://evil.example/hls/shop/hostile/../../secret.ts");
        assertTrue(r.status() == 400 || r.status() == 404, "gave " + r.status());
        assertFalse(r.text().contains(SECRET));
    }

    @Test
    void oversizedHeadersAreRefusedNotCrashed() throws Exception {
        String big = "GET /hls/shop/hostile/seg0.ts HTTP/1.1\r\nHost: x\r\nX-Big: " + "z".repeat(64 * 1024) + "\r\nConnection: close\r\n\r\n";
        RawHttp.Response r = RawHttp.send(RestAssured.port, big);
        assertTrue(r.status() == 400 || r.status() == 431, "gave " + r.status());
    }
}
