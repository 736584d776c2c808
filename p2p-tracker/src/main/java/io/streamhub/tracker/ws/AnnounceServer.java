package io.streamhub.tracker.ws;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.streamhub.shared.net.TrustedProxies;
import io.streamhub.tracker.config.TrackerConfig;
import io.streamhub.tracker.core.AddressLimits;
import io.streamhub.tracker.inbound.Inbound;
import io.streamhub.tracker.locality.Locality;
import io.streamhub.tracker.metrics.TrackerMetrics;
import io.streamhub.tracker.policy.AppPolicies;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The tracker's WebSocket listener, {@code ws://<host>:<tracker.ws.port>/announce/<app>/<room>}: a
 * plain Netty server with event loops of its own, apart from Quarkus's HTTP port (health, metrics).
 * A connection costs a channel, five small handlers and its session; see docs/architecture.md for
 * why this is not a websockets-next endpoint.
 */
@Singleton
public class AnnounceServer {

    private static final Logger LOG = Logger.getLogger(AnnounceServer.class);
    static final String HANDSHAKE_TIMEOUT = "handshake-timeout";
    /** The upgrade request is a GET: no body to speak of. */
    private static final int MAX_REQUEST_BODY = 1024;

    private final TrackerConfig config;
    private final TrackerMetrics metrics;
    private final AppPolicies policies;
    private final Inbound inbound;
    private final Locality locality;
    private final AddressLimits limits;
    private final ClientAddress clientAddress;
    private final AtomicLong ids = new AtomicLong();
    private final WebSocketDecoderConfig decoderConfig;
    private volatile Channel listener;
    private EventLoopGroup group;

    public AnnounceServer(TrackerConfig config, TrackerMetrics metrics, AppPolicies policies, Inbound inbound, Locality locality,
                          AddressLimits limits) {
        this.config = config;
        this.metrics = metrics;
        this.policies = policies;
        this.inbound = inbound;
        this.locality = locality;
        this.limits = limits;
        TrustedProxies proxies = TrustedProxies.parse("tracker.trusted-proxies", config.trustedProxies().orElse(List.of()),
                config.forwardedHeader());
        this.clientAddress = new ClientAddress(proxies);
        LOG.infof(proxies.isEmpty() ? "no trusted proxies: every viewer is the address it connects from"
                : "viewers behind %s read from %s", config.trustedProxies().orElse(List.of()), config.forwardedHeader().header());
        if (config.ws().maxMessageSize() <= 0) {
            throw new IllegalArgumentException("tracker.ws.max-message-size must be positive, was " + config.ws().maxMessageSize());
        }
        this.decoderConfig = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(config.ws().maxMessageSize())
                .expectMaskedFrames(true)
                .allowMaskMismatch(false)
                .allowExtensions(false)
                .closeOnProtocolViolation(true)
                .build();
    }

    void start(@Observes StartupEvent ev) throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        ThreadFactory threads = new DefaultThreadFactory("tracker-ws", true);
        int loops = config.ws().eventLoops();
        group = epoll ? new EpollEventLoopGroup(loops, threads) : new NioEventLoopGroup(loops, threads);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.MESSAGE_SIZE_ESTIMATOR, FrameSizeEstimator.INSTANCE)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(config.maxPendingBytes() / 2, config.maxPendingBytes()))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(HANDSHAKE_TIMEOUT, new ReadTimeoutHandler(config.ws().handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS))
                                .addLast("http", new HttpServerCodec(4096, 8192, 8192))
                                .addLast("http-aggregator", new HttpObjectAggregator(MAX_REQUEST_BODY))
                                .addLast("upgrade", new UpgradeHandler(AnnounceServer.this));
                    }
                });
        listener = bootstrap.bind(new InetSocketAddress(config.ws().host(), config.ws().port())).sync().channel();
        LOG.infof("tracker listening on ws://%s:%d/announce/<app>/<room> (%d %s event loops)", config.ws().host(), port(),
                loops, epoll ? "epoll" : "NIO");
    }

    void stop(@Observes ShutdownEvent ev) {
        Channel l = listener;
        if (l != null) {
            l.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    /** The bound port (the configured one, or the one picked for {@code tracker.ws.port=0}). */
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    String nextId() {
        return Long.toString(ids.incrementAndGet(), 36);
    }

    TrackerConfig config() {
        return config;
    }

    TrackerMetrics metrics() {
        return metrics;
    }

    AppPolicies policies() {
        return policies;
    }

    Inbound inbound() {
        return inbound;
    }

    Locality locality() {
        return locality;
    }

    AddressLimits limits() {
        return limits;
    }

    ClientAddress clientAddress() {
        return clientAddress;
    }

    /** Frames as RFC 6455 wants them from clients (masked), no extensions, nothing over the size limit. */
    WebSocketDecoderConfig decoderConfig() {
        return decoderConfig;
    }
}
