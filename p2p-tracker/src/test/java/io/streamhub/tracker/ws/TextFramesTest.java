package io.streamhub.tracker.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our hand-built server frames, read back by Netty's own client-side frame decoder. */
class TextFramesTest {

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 125, 126, 127, 65_535, 65_536, 200_000})
    void nettysDecoderReadsWhatWeEncode(int length) {
        // Binary ids are Latin-1 characters, two UTF-8 bytes each above U+007F: lengths must count bytes.
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            text.append(text.length() % 7 == 0 ? '\u00e9' : 'x');
        }
        String payload = text.toString();
        byte[] utf8 = payload.getBytes(StandardCharsets.UTF_8);
        assertDecodesTo(payload, utf8.length, TextFrames.encode(UnpooledByteBufAllocator.DEFAULT, payload));
        assertDecodesTo(payload, utf8.length, TextFrames.encode(UnpooledByteBufAllocator.DEFAULT, utf8));
    }

    private static void assertDecodesTo(String payload, int payloadBytes, ByteBuf frame) {
        assertTrue(frame.readableBytes() - payloadBytes <= 10, "header of at most 10 bytes");
        EmbeddedChannel client = new EmbeddedChannel(new WebSocket08FrameDecoder(false, false, 1 << 20));
        assertTrue(client.writeInbound(frame));
        TextWebSocketFrame read = client.readInbound();
        assertTrue(read.isFinalFragment());
        assertEquals(payload, read.text());
        read.release();
        assertFalse(client.finish(), "exactly one frame, nothing left over");
    }
}
