package io.streamhub.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class HlsPathTest {

    @Test
    void parsesRoomFile() {
        HlsPath p = HlsPath.parse("/hls/shop/launch-1/index.m3u8");
        assertEquals(new HlsPath("shop", "launch-1", null, "index.m3u8", HlsFileType.M3U8), p);
        assertEquals("shop/launch-1/index.m3u8", p.relative());
        assertEquals("/hls/shop/launch-1/index.m3u8", p.publicPath());
        assertEquals(new RoomId("shop", "launch-1"), p.roomId());
    }

    @Test
    void parsesRenditionFile() {
        HlsPath p = HlsPath.parse("/hls/shop/r1/720p/seg_00001.ts");
        assertEquals("720p", p.rendition());
        assertEquals(HlsFileType.TS, p.type());
        assertEquals("shop/r1/720p/seg_00001.ts", p.relative());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/hls/shop/room/../secret.ts", "/hls/shop/../../etc/passwd.ts", "/hls/shop/room/%2e%2e/x.ts",
            "/hls/shop/room/a%2fb.ts", "/hls/shop/room/%252e%252e%252fx.ts", "/hls/shop/room/..%5cx.ts",
            "/hls/shop/room\\x.ts", "/hls/shop/room/x.ts%00.m3u8", "/hls/shop/room/x.exe", "/hls/shop/room/x",
            "/hls/shop/room/.hidden.ts", "/hls/shop/room/", "/hls/shop/room", "/hls/shop", "/hls/",
            "/hls//room/x.ts", "/hls/shop//x.ts", "/hls/shop/room/a/b/x.ts", "/hls/-shop/room/x.ts",
            "/hls/shop/room/X.TS", "/hls/shop/room/index.m3u8/", "/other/shop/room/x.ts", "hls/shop/room/x.ts",
            "/hls/shop/room/index.m3u8?x=1", "/hls/sh op/room/x.ts"
    })
    void rejectsAnythingElse(String raw) {
        assertNull(HlsPath.parse(raw), raw);
    }

    @Test
    void rejectsOverlongNames() {
        assertNull(HlsPath.parse("/hls/" + "a".repeat(65) + "/room/x.ts"));
        assertNull(HlsPath.parse("/hls/shop/room/" + "a".repeat(126) + ".ts"));
        assertEquals("a".repeat(64), HlsPath.parse("/hls/" + "a".repeat(64) + "/room/x.ts").app());
    }
}
