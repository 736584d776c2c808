package io.streamhub.tracker.ws;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpRequest;
import io.streamhub.shared.net.TrustedProxies;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The viewer's address, the one place the tracker decides it (for the per-address limits and for
 * locality's network prefix): the shared rule ({@link TrustedProxies}) over the upgrade's TCP peer
 * and its forwarding header, believed only from {@code tracker.trusted-proxies}. A plain Netty
 * server has no proxy support of its own, so the header is read here, once per connection.
 */
final class ClientAddress {

    private final TrustedProxies proxies;

    ClientAddress(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    /** The viewer's address for the upgrade {@code request} on {@code channel}, or {@code null} if unknown (not an IP socket). */
    InetAddress of(Channel channel, HttpRequest request) {
        InetAddress peer = channel.remoteAddress() instanceof InetSocketAddress remote ? remote.getAddress() : null;
        if (peer == null || !proxies.trusts(peer)) {
            return peer;
        }
        return proxies.clientOf(peer, request.headers().getAll(proxies.header().header()));
    }
}
