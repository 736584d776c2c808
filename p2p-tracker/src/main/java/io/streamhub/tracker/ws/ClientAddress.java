package io.streamhub.tracker.ws;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.AsciiString;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The viewer's address, the one place the tracker decides it (for locality's network prefix).
 * Today it is the connection's TCP peer. Behind an ingress or load balancer that peer is the proxy,
 * whose prefix every viewer would share, so an upgrade that says it was forwarded ({@code Forwarded}
 * or {@code X-Forwarded-For}) has no known address and locality falls back to zones. A trusted-proxy
 * rule that reads the forwarded address instead belongs here; the request is passed in for it.
 */
final class ClientAddress {

    private static final AsciiString FORWARDED = AsciiString.cached("forwarded");
    private static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");

    private ClientAddress() {
    }

    /** The viewer's address for the upgrade {@code request} on {@code channel}, or {@code null} if unknown. */
    static InetAddress of(Channel channel, HttpRequest request) {
        HttpHeaders headers = request.headers();
        if (headers.contains(FORWARDED) || headers.contains(X_FORWARDED_FOR)) {
            return null;
        }
        return channel.remoteAddress() instanceof InetSocketAddress remote ? remote.getAddress() : null;
    }
}
