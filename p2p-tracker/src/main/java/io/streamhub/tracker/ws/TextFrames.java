package io.streamhub.tracker.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;

/**
 * Server text frames (RFC 6455 §5.2: FIN, opcode 1, no mask) written in one buffer of exactly the
 * right size. Netty's frame encoder would take the payload in its own buffer and copy it again
 * behind the header; a ready-made frame passes through that encoder untouched.
 */
final class TextFrames {

    private static final int FIN_TEXT = 0x81;

    private TextFrames() {
    }

    static ByteBuf encode(ByteBufAllocator alloc, String text) {
        int length = ByteBufUtil.utf8Bytes(text);
        ByteBuf frame = header(alloc, length);
        ByteBufUtil.reserveAndWriteUtf8(frame, text, length);
        return frame;
    }

    /** A frame around text that is already UTF-8. */
    static ByteBuf encode(ByteBufAllocator alloc, byte[] utf8) {
        return header(alloc, utf8.length).writeBytes(utf8);
    }

    private static ByteBuf header(ByteBufAllocator alloc, int length) {
        ByteBuf frame = alloc.directBuffer((length <= 125 ? 2 : length <= 0xffff ? 4 : 10) + length);
        frame.writeByte(FIN_TEXT);
        if (length <= 125) {
            frame.writeByte(length);
        } else if (length <= 0xffff) {
            frame.writeByte(126).writeShort(length);
        } else {
            frame.writeByte(127).writeLong(length);
        }
        return frame;
    }
}
