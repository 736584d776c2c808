package io.streamhub.tracker.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.streamhub.tracker.core.Session;
import io.streamhub.tracker.inbound.Inbound;
import io.streamhub.tracker.metrics.TrackerMetrics;
import io.streamhub.tracker.protocol.Refusal;
import org.jboss.logging.Logger;

/**
 * One upgraded connection: text frames go to {@link Inbound}, control frames are answered here, and
 * closing the channel drops the connection's peers. Outgoing text arrives as a {@code String} or as
 * UTF-8 bytes and is framed here, on the channel's own event loop. Runs on that loop only.
 */
final class FrameHandler extends ChannelDuplexHandler {

    private static final Logger LOG = Logger.getLogger(FrameHandler.class);
    static final int PROTOCOL_ERROR_CODE = 1002;
    static final int TOO_BIG_CODE = 1009;

    private final Inbound inbound;
    private final TrackerMetrics metrics;
    private final Session session;
    private final NettyLink link;

    FrameHandler(Inbound inbound, TrackerMetrics metrics, Session session, NettyLink link) {
        this.inbound = inbound;
        this.metrics = metrics;
        this.session = session;
        this.link = link;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ByteBuf frame = msg instanceof String text ? TextFrames.encode(ctx.alloc(), text)
                : msg instanceof byte[] utf8 ? TextFrames.encode(ctx.alloc(), utf8)
                : null;
        if (frame == null) {
            ctx.write(msg, promise); // control frames, already framed
            return;
        }
        metrics.sent(frame.readableBytes());
        ctx.write(frame, promise);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            long now = System.currentTimeMillis();
            link.heard(now);
            if (msg instanceof CloseWebSocketFrame close) {
                if (link.closing()) {
                    ctx.close(); // the client's answer to our close
                } else {
                    ctx.writeAndFlush(close.retainedDuplicate()).addListener(ChannelFutureListener.CLOSE);
                }
            } else if (link.closing()) {
                return; // nothing more is served once we said goodbye
            } else if (msg instanceof TextWebSocketFrame text) {
                inbound.text(session, ByteBufUtil.getBytes(text.content()), now);
            } else if (msg instanceof PingWebSocketFrame ping) {
                ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()), ctx.voidPromise());
            } else if (msg instanceof BinaryWebSocketFrame binary) {
                inbound.binary(session, binary.content().readableBytes());
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        inbound.closed(session);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Hostile or broken clients (oversized frames, protocol errors) are routine: close, don't alarm.
        LOG.debugf("connection %s failed: %s", session.id(), cause.toString());
        if (cause instanceof CorruptedWebSocketFrameException) {
            return; // the decoder has already sent its close code (1002, 1009) and is closing
        }
        if (ctx.channel().isActive()) {
            boolean tooBig = cause instanceof TooLongFrameException;
            session.link().close(tooBig ? TOO_BIG_CODE : PROTOCOL_ERROR_CODE, tooBig ? "message too big" : Refusal.MALFORMED.tag());
        }
    }
}
