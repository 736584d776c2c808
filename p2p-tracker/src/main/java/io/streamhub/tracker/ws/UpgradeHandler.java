package io.streamhub.tracker.ws;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.streamhub.shared.AnnouncePath;
import io.streamhub.shared.HlsNames;
import io.streamhub.tracker.core.AddressLimits;
import io.streamhub.tracker.core.Session;
import io.streamhub.tracker.locality.Locality;
import io.streamhub.tracker.policy.AppPolicy;
import io.streamhub.tracker.protocol.Refusal;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import org.jboss.logging.Logger;

/**
 * The one HTTP request of a new connection: {@code GET /announce/<app>/<room>} with a WebSocket
 * upgrade. Refusals cost one HTTP response (bad path 400, no such app 404, too many connections from
 * the viewer's address 429, at the global cap or config unreachable 503). The connection's place is
 * taken before the policy is fetched, so concurrent upgrades cannot overshoot the caps, and given
 * back if the upgrade does not happen. Fetching the app's policy here means announces never wait on Redis.
 * On success this handler replaces itself with a {@link FrameHandler}; no extension (such as
 * permessage-deflate) is ever agreed.
 */
final class UpgradeHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = Logger.getLogger(UpgradeHandler.class);
    static final String PREFIX = "/announce/";

    private final AnnounceServer server;
    private boolean busy;
    private InetAddress client;
    private long addressKey;
    private boolean reserved;

    UpgradeHandler(AnnounceServer server) {
        this.server = server;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (busy) {
            return; // a pipelined second request while the first is being decided: ignored, the connection upgrades or closes
        }
        if (!request.decoderResult().isSuccess()) {
            respond(ctx, HttpResponseStatus.BAD_REQUEST, "malformed request");
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        if (request.method() != HttpMethod.GET || !path.contains(AnnouncePath.ANNOUNCE)) {
            respond(ctx, HttpResponseStatus.NOT_FOUND, "WebSocket endpoint is " + PREFIX + "<app>/<room>[/<shard>]");
            return;
        }
        AnnouncePath announce = AnnouncePath.parse(path);
        if (announce == null) {
            server.metrics().refused(Refusal.BAD_PATH);
            respond(ctx, HttpResponseStatus.BAD_REQUEST, "the path must be [/t/<pod>]" + PREFIX + "<app>/<room>[/<shard>], app and room matching "
                    + HlsNames.NAME.pattern() + ", shard 0.." + (AnnouncePath.MAX_SHARDS - 1));
            return;
        }
        if (!"websocket".equalsIgnoreCase(request.headers().get(HttpHeaderNames.UPGRADE))) {
            // Plain HTTP gets a plain answer, before any work is spent on it.
            respond(ctx, HttpResponseStatus.BAD_REQUEST, "WebSocket upgrade required");
            return;
        }
        client = server.clientAddress().of(ctx.channel(), request);
        addressKey = AddressLimits.keyOf(client);
        Refusal full = server.limits().reserve(addressKey, System.currentTimeMillis());
        if (full != null) {
            respond(ctx, full == Refusal.ADDRESS_LIMIT ? HttpResponseStatus.TOO_MANY_REQUESTS : HttpResponseStatus.SERVICE_UNAVAILABLE,
                    full == Refusal.ADDRESS_LIMIT ? "too many connections from your address" : "too many connections");
            return;
        }
        reserved = true;
        busy = true;
        request.retain();
        ctx.channel().config().setAutoRead(false);
        server.policies().get(announce.app()).onComplete(result -> ctx.executor().execute(() -> {
            try {
                ctx.channel().config().setAutoRead(true);
                decide(ctx, request, announce, result.succeeded() ? result.result() : null);
            } finally {
                request.release();
            }
        }));
    }

    private void decide(ChannelHandlerContext ctx, FullHttpRequest request, AnnouncePath announce, AppPolicy policy) {
        String app = announce.app();
        if (!ctx.channel().isActive()) {
            return;
        }
        if (policy == null) {
            server.metrics().refused(Refusal.CONFIG_UNAVAILABLE);
            FullHttpResponse response = response(HttpResponseStatus.SERVICE_UNAVAILABLE, "config unavailable; retry");
            response.headers().set(HttpHeaderNames.RETRY_AFTER, "1");
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (!policy.known()) {
            // A disabled app is let in: its announces get a failure reason the client can show.
            server.metrics().refused(Refusal.UNKNOWN_APP);
            respond(ctx, HttpResponseStatus.NOT_FOUND, "unknown app " + app);
            return;
        }
        int shard = policy.shardOf(announce);
        if (shard < 0) {
            // Never a new swarm outside the app's shards: that would split the room's viewers silently.
            server.metrics().refused(Refusal.BAD_SHARD);
            respond(ctx, HttpResponseStatus.BAD_REQUEST, policy.shards() == 1
                    ? "app " + app + " has one swarm per room: " + PREFIX + app + "/<room>"
                    : "app " + app + " splits each room into " + policy.shards() + " shards: " + PREFIX + app + "/<room>/<0.." + (policy.shards() - 1) + ">");
            return;
        }
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(request.uri(), null, server.decoderConfig())
                .newHandshaker(request);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel()).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        Channel channel = ctx.channel();
        long now = System.currentTimeMillis();
        NettyLink link = new NettyLink(channel, server.metrics(), server.config().ws().pingInterval().toMillis(), now);
        Locality locality = server.locality();
        // Every viewer of a room names the same app and room: one shared copy of each, not two strings per connection.
        Session session = new Session(server.nextId(), app.intern(), announce.room().intern(), shard, request.headers().get(HttpHeaderNames.ORIGIN), link,
                locality.prefixOf(client), locality.zoneOf(request.headers().get(locality.zoneHeader())),
                server.config().announcesPerSecond(), server.config().announceBurst(), now);
        try {
            handshaker.handshake(channel, request).addListener(done -> {
                if (!done.isSuccess()) {
                    channel.close();
                }
            });
        } catch (RuntimeException e) {
            // An upgrade without its key or connection header.
            respond(ctx, HttpResponseStatus.BAD_REQUEST, "invalid WebSocket upgrade: " + e.getMessage());
            return;
        }
        server.limits().attach(addressKey, session);
        reserved = false; // the session holds the place now, until Inbound.closed
        channel.pipeline().remove(AnnounceServer.HANDSHAKE_TIMEOUT);
        channel.pipeline().addBefore(ctx.name(), "ws-aggregator", new WebSocketFrameAggregator(server.config().ws().maxMessageSize()));
        channel.pipeline().replace(this, "tracker", new FrameHandler(server.inbound(), server.metrics(), session, link));
        server.inbound().opened(session);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (reserved) {
            reserved = false; // refused after all, or gone during its upgrade
            server.limits().cancel(addressKey);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Handshake timeouts, resets and garbage before the upgrade are routine on a public port.
        LOG.debugf("connection closed before its upgrade: %s", cause.toString());
        ctx.close();
    }

    private static void respond(ChannelHandlerContext ctx, HttpResponseStatus status, String message) {
        ctx.writeAndFlush(response(status, message)).addListener(ChannelFutureListener.CLOSE);
    }

    private static FullHttpResponse response(HttpResponseStatus status, String message) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(message + "\n", StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
                .set(HttpHeaderNames.CONNECTION, "close");
        return response;
    }
}
