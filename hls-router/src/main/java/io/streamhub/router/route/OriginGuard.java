package io.streamhub.router.route;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.streamhub.router.config.RouterConfig;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * Origin protection: the CDN's origin answers only the CDN, so nobody can go around it and load
 * the master directly. A request must carry the shared token (the CDN adds it as a custom origin
 * header) and come from an allowed range, where either is configured. Netty's
 * {@link IpSubnetFilterRule} matches the ranges (IPv4 and IPv6); the token is compared in constant
 * time.
 */
@ApplicationScoped
public class OriginGuard {

    private final byte[] token;
    private final String header;
    private final List<IpSubnetFilterRule> ranges;

    @Inject
    public OriginGuard(RouterConfig config) {
        this(config.protection().token().filter(t -> !t.isBlank()).orElse(null), config.protection().header(),
                config.protection().allowedCidrs().orElse(List.of()));
    }

    OriginGuard(String token, String header, List<String> cidrs) {
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        this.header = header;
        this.ranges = cidrs.stream().filter(c -> !c.isBlank()).map(OriginGuard::rule).toList();
    }

    /** A CIDR as a rule; a malformed one stops the start with its text, rather than letting everyone in. */
    static IpSubnetFilterRule rule(String cidr) {
        String c = cidr.trim();
        int slash = c.indexOf('/');
        try {
            if (slash < 0) {
                throw new IllegalArgumentException("no prefix length");
            }
            return new IpSubnetFilterRule(c.substring(0, slash), Integer.parseInt(c.substring(slash + 1)), IpFilterRuleType.ACCEPT);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("router.protection.allowed-cidrs: '" + c + "' is not a CIDR such as 203.0.113.0/24 ("
                    + e.getMessage() + ")", e);
        }
    }

    public boolean enabled() {
        return token != null || !ranges.isEmpty();
    }

    /** Why this request may not fetch from the origin, or {@code null} when it may. */
    public String refusal(HttpServerRequest request) {
        return refusal(request.getHeader(header), request.remoteAddress());
    }

    String refusal(String presented, SocketAddress peer) {
        if (token != null && (presented == null
                || !MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8)))) {
            return "this origin answers its CDN only";
        }
        if (!ranges.isEmpty()) {
            InetSocketAddress address = peer == null || peer.hostAddress() == null ? null
                    : new InetSocketAddress(peer.hostAddress(), Math.max(0, peer.port()));
            if (address == null || address.isUnresolved() || ranges.stream().noneMatch(r -> r.matches(address))) {
                return "this origin answers its CDN only";
            }
        }
        return null;
    }
}
