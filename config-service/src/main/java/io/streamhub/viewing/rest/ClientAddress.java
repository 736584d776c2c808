package io.streamhub.viewing.rest;

import io.quarkus.runtime.Startup;
import io.streamhub.config.settings.ServiceConfig;
import io.streamhub.shared.net.IpLiteral;
import io.streamhub.shared.net.TrustedProxies;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.util.List;

/**
 * The caller's address for per-address limits: the rule every service shares ({@link TrustedProxies}),
 * over the connection's peer and the forwarding header, believed only from
 * {@code streamhub.config.trusted-proxies}. Built at start, so a malformed entry stops the service.
 */
@Startup
@Singleton
public class ClientAddress {

    private final TrustedProxies proxies;

    public ClientAddress(ServiceConfig config) {
        this.proxies = TrustedProxies.parse("streamhub.config.trusted-proxies", config.trustedProxies().orElse(List.of()),
                config.forwardedHeader());
    }

    /** The caller's address as text, or {@code unknown} when the connection has none. */
    public String of(HttpServerRequest request) {
        SocketAddress remote = request.remoteAddress();
        InetAddress peer = remote == null || remote.hostAddress() == null ? null : IpLiteral.parse(remote.hostAddress());
        InetAddress client = proxies.clientOf(peer, request.headers().getAll(proxies.header().header()));
        return client == null ? "unknown" : client.getHostAddress();
    }
}
