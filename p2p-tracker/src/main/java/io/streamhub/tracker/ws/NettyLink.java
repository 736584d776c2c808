package io.streamhub.tracker.ws;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.streamhub.tracker.metrics.TrackerMetrics;
import io.streamhub.tracker.protocol.Refusal;
import io.streamhub.tracker.swarm.PeerLink;
import java.util.concurrent.TimeUnit;

/**
 * A {@link PeerLink} over one Netty channel. Backpressure is the channel's own: its high water mark
 * is the per-connection pending limit, so a reader that lets frames pile up past it turns the channel
 * unwritable and is dropped rather than buffered without bound. Frames queued from another event
 * loop count towards the mark as soon as they are submitted ({@link FrameSizeEstimator}).
 */
final class NettyLink implements PeerLink {

    static final int SLOW_READER_CODE = 1008;
    /** How long a client gets to answer our close frame before the connection is cut. */
    private static final long CLOSE_WAIT_MS = 2000;

    private final Channel channel;
    private final TrackerMetrics metrics;
    private final long pingIntervalMs;
    private volatile long lastHeard;
    private volatile boolean closed;

    NettyLink(Channel channel, TrackerMetrics metrics, long pingIntervalMs, long now) {
        this.channel = channel;
        this.metrics = metrics;
        this.pingIntervalMs = pingIntervalMs;
        this.lastHeard = now;
    }

    @Override
    public boolean send(String frame) {
        return queue(frame);
    }

    @Override
    public boolean send(byte[] utf8Frame) {
        return queue(utf8Frame);
    }

    /** Queues a {@code String} or UTF-8 {@code byte[]} frame body; FrameHandler encodes either. */
    private boolean queue(Object frame) {
        if (closed) {
            return false;
        }
        if (!channel.isWritable()) {
            metrics.refused(Refusal.SLOW_READER);
            close(SLOW_READER_CODE, "slow reader");
            return false;
        }
        // Encoded by FrameHandler on the channel's own event loop, so the buffer is taken from and
        // returned to that thread's pool cache even when another loop relays the frame.
        channel.writeAndFlush(frame, channel.voidPromise());
        return true;
    }

    @Override
    public void close(int code, String reason) {
        if (closed) {
            return;
        }
        closed = true;
        // The client answers with its own close frame, on which FrameHandler ends the connection;
        // closing TCP at once would reset it and could cost the client our close code.
        channel.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(sent -> {
            if (sent.isSuccess()) {
                channel.eventLoop().schedule(() -> channel.close(), CLOSE_WAIT_MS, TimeUnit.MILLISECONDS);
            } else {
                channel.close();
            }
        });
    }

    /** True once this side has sent its close frame. */
    boolean closing() {
        return closed;
    }

    @Override
    public void keepAlive(long now) {
        if (!closed && now - lastHeard >= pingIntervalMs) {
            lastHeard = now;
            channel.writeAndFlush(new PingWebSocketFrame(), channel.voidPromise());
        }
    }

    /** Any frame from the client, pongs included, shows the connection is alive. */
    void heard(long now) {
        lastHeard = now;
    }
}
