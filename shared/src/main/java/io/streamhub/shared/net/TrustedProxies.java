package io.streamhub.shared.net;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Who the client is when requests may come through proxies: the one rule of every per-address limit
 * (docs/architecture.md, "The client's address"). A forwarding header is believed only when the
 * connection comes from a configured trusted proxy. Its hops are then read from the right, since each
 * proxy appends the address it saw: the first hop that is not itself a trusted proxy is the client,
 * and whatever stands left of it was written by that client and is never believed. A hop that is not
 * an address (garbage, {@code unknown}, an obfuscated name) ends the walk at the peer, as if no
 * header had come. Only the one header the proxies write is read ({@link Header}): with both
 * accepted, a client behind a proxy that appends to one could invent the other.
 */
public final class TrustedProxies {

    /** The forwarding header the trusted proxies write. */
    public enum Header {
        /** {@code X-Forwarded-For: client, proxy1}: what ingress-nginx, Envoy, Traefik and cloud load balancers append to. */
        X_FORWARDED_FOR("X-Forwarded-For"),
        /** RFC 7239 {@code Forwarded: for=client;proto=https, for="[2001:db8::1]:4711"}. */
        FORWARDED("Forwarded");

        private final String header;

        Header(String header) {
            this.header = header;
        }

        public String header() {
            return header;
        }
    }

    private final List<Cidr> ranges;
    private final Header header;

    private TrustedProxies(List<Cidr> ranges, Header header) {
        this.ranges = ranges;
        this.header = header;
    }

    /**
     * The proxies of {@code cidrs} (addresses or ranges); an entry that is neither fails with a message
     * naming {@code setting}, so a typo stops the service at start instead of trusting nothing or anyone.
     */
    public static TrustedProxies parse(String setting, Collection<String> cidrs, Header header) {
        List<Cidr> ranges = new ArrayList<>();
        for (String entry : cidrs) {
            Cidr cidr = Cidr.parse(entry);
            if (cidr == null) {
                throw new IllegalArgumentException(setting + ": '" + entry
                        + "' is not an IP address or CIDR range (a.b.c.d/n or x:x::/n; names are not resolved)");
            }
            ranges.add(cidr);
        }
        return new TrustedProxies(List.copyOf(ranges), header);
    }

    public Header header() {
        return header;
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    public boolean trusts(InetAddress address) {
        return ranges.stream().anyMatch(range -> range.contains(address));
    }

    /**
     * The client behind the connection from {@code peer}, given the values of {@link #header()} in
     * the order they arrived (one line may list several hops).
     */
    public InetAddress clientOf(InetAddress peer, List<String> values) {
        if (peer == null || values.isEmpty() || !trusts(peer)) {
            return peer;
        }
        InetAddress client = peer;
        for (int line = values.size() - 1; line >= 0; line--) {
            String[] hops = values.get(line).split(",", -1);
            for (int i = hops.length - 1; i >= 0; i--) {
                InetAddress hop = header == Header.FORWARDED ? forwardedFor(hops[i]) : IpLiteral.parseHop(hops[i]);
                if (hop == null) {
                    return peer;
                }
                if (!trusts(hop)) {
                    return hop;
                }
                client = hop; // another trusted proxy: keep walking left
            }
        }
        return client; // every hop a trusted proxy: the farthest one is the client
    }

    /** The {@code for=} address of one {@code Forwarded} element, quoted or not; {@code null} when it has none. */
    private static InetAddress forwardedFor(String element) {
        for (String pair : element.split(";")) {
            String p = pair.trim();
            if (p.length() > 4 && p.substring(0, 4).toLowerCase(Locale.ROOT).equals("for=")) {
                String value = p.substring(4);
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return IpLiteral.parseHop(value);
            }
        }
        return null;
    }
}
