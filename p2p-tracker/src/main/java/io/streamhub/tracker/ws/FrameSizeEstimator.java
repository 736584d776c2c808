package io.streamhub.tracker.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.MessageSizeEstimator;

/**
 * Sizes what is queued to a channel for its write high-water mark: outgoing text is queued as a
 * {@code String} or {@code byte[]} (framed later on the channel's loop), which Netty's default estimator would count
 * as 8 bytes whatever its length.
 */
final class FrameSizeEstimator implements MessageSizeEstimator {

    static final FrameSizeEstimator INSTANCE = new FrameSizeEstimator();

    private static final Handle HANDLE = msg -> {
        if (msg instanceof CharSequence text) {
            return text.length();
        }
        if (msg instanceof byte[] utf8) {
            return utf8.length;
        }
        if (msg instanceof ByteBuf buf) {
            return buf.readableBytes();
        }
        if (msg instanceof ByteBufHolder holder) {
            return holder.content().readableBytes();
        }
        return 8;
    };

    private FrameSizeEstimator() {
    }

    @Override
    public Handle newHandle() {
        return HANDLE;
    }
}
