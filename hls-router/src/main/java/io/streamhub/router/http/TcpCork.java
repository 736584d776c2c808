package io.streamhub.router.http;

import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollChannelOption;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Corks the socket for one file response, as nginx's {@code tcp_nopush} does: the headers and the
 * first bytes of the file leave in full packets instead of a lone header packet, which spares the
 * client a wake-up per response. Only on the epoll transport; uncorked when the file is sent.
 */
final class TcpCork {

    private static final TcpCork NONE = new TcpCork(null);

    private final Channel channel;

    private TcpCork(Channel channel) {
        this.channel = channel;
    }

    static TcpCork of(HttpServerRequest request) {
        if (request.connection() instanceof ConnectionBase c && c.channel().config().setOption(EpollChannelOption.TCP_CORK, true)) {
            return new TcpCork(c.channel());
        }
        return NONE;
    }

    void release() {
        if (channel != null && channel.isOpen()) {
            channel.config().setOption(EpollChannelOption.TCP_CORK, false);
        }
    }
}
