package io.streamhub.tracker.locality;

import io.streamhub.tracker.config.TrackerConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Where a viewer is, as two numbers a peer can keep without an object of its own: its network
 * prefix as a {@code long} (IPv4 /24 and IPv6 /48 by default) and its zone as a small id. Zero
 * means unknown in both; peers are matched only on known, equal values. Computed once per
 * connection, at the upgrade, whether or not {@code tracker.locality.enabled} (the offer counter
 * classifies offers either way).
 */
@Singleton
public class Locality {

    private static final Logger LOG = Logger.getLogger(Locality.class);
    /** Zone names this process gives an id; later ones count as no zone (the header may be client-set). */
    static final int MAX_ZONES = 1024;
    /** Short names of letters, digits, dots, dashes and underscores; anything else is ignored. */
    static final Pattern ZONE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /**
     * IPv4 prefixes live under ffff::/16, IPv6 multicast, which is never a TCP peer: an IPv4 and an
     * IPv6 prefix can never be equal.
     */
    private static final long IPV4_TAG = 0xFFFFL << 48;

    private final int ipv4Bits;
    private final int ipv6Bits;
    private final String zoneHeader;
    private final ConcurrentHashMap<String, Integer> zoneIds = new ConcurrentHashMap<>();
    private final AtomicInteger nextZoneId = new AtomicInteger();
    private volatile boolean zonesFullLogged;

    @Inject
    public Locality(TrackerConfig config) {
        this(config.locality().ipv4Prefix(), config.locality().ipv6Prefix(), config.locality().zoneHeader());
    }

    Locality(int ipv4Bits, int ipv6Bits, String zoneHeader) {
        if (ipv4Bits < 0 || ipv4Bits > 32) {
            throw new IllegalArgumentException("tracker.locality.ipv4-prefix must be 0..32, was " + ipv4Bits);
        }
        if (ipv6Bits < 0 || ipv6Bits > 64) {
            throw new IllegalArgumentException("tracker.locality.ipv6-prefix must be 0..64, was " + ipv6Bits);
        }
        this.ipv4Bits = ipv4Bits;
        this.ipv6Bits = ipv6Bits;
        this.zoneHeader = zoneHeader;
    }

    /** The upgrade request header that names the viewer's zone. */
    public String zoneHeader() {
        return zoneHeader;
    }

    /** The network prefix of {@code address} as a non-zero key, or 0 when it is not compared. */
    public long prefixOf(InetAddress address) {
        return prefix(address, ipv4Bits, ipv6Bits);
    }

    /** The leading {@code ipv4Bits} or {@code ipv6Bits} (at most 64) of {@code address} as a key, 0 when not compared or unknown. */
    public static long prefix(InetAddress address, int ipv4Bits, int ipv6Bits) {
        if (address == null) {
            return 0;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address && isIpv4Mapped(b)) {
            return ipv4Prefix(int32(b, 12), ipv4Bits);
        }
        if (address instanceof Inet4Address) {
            return ipv4Prefix(int32(b, 0), ipv4Bits);
        }
        if (ipv6Bits == 0) {
            return 0;
        }
        long high = ((long) int32(b, 0) << 32) | (int32(b, 4) & 0xFFFFFFFFL);
        // A prefix of zeros is ::/n (loopback, unspecified): never a viewer's network.
        return high & (-1L << (64 - ipv6Bits));
    }

    private static long ipv4Prefix(int address, int ipv4Bits) {
        if (ipv4Bits == 0) {
            return 0;
        }
        return IPV4_TAG | (address & 0xFFFFFFFFL & (0xFFFFFFFFL << (32 - ipv4Bits)));
    }

    /**
     * The id of a zone header's value, or 0 when there is none or it is not a short name. Ids are
     * this process's own, handed out on first sight and never reused; past {@link #MAX_ZONES}
     * names, new ones get 0.
     */
    public int zoneOf(String header) {
        if (header == null) {
            return 0;
        }
        String zone = header.trim();
        if (!ZONE.matcher(zone).matches()) {
            return 0;
        }
        Integer id = zoneIds.get(zone);
        if (id != null) {
            return id;
        }
        if (nextZoneId.get() >= MAX_ZONES) {
            if (!zonesFullLogged) {
                zonesFullLogged = true;
                LOG.warnf("%d distinct %s values seen; further zones are ignored (is the header set by clients rather than a proxy?)",
                        MAX_ZONES, zoneHeader);
            }
            return 0;
        }
        return zoneIds.computeIfAbsent(zone, z -> {
            int next = nextZoneId.incrementAndGet();
            return next <= MAX_ZONES ? next : 0;
        });
    }

    private static boolean isIpv4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xFF && b[11] == (byte) 0xFF;
    }

    private static int int32(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }
}
