package io.streamhub.shared.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamhub.shared.net.TrustedProxies.Header;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    static final TrustedProxies INGRESS = TrustedProxies.parse("test.trusted", List.of("10.0.0.0/8", "fd00::/8", "192.0.2.7"),
            Header.X_FORWARDED_FOR);
    static final InetAddress PROXY = ip("10.1.2.3");

    static InetAddress ip(String literal) {
        return IpLiteral.parse(literal);
    }

    static InetAddress xff(InetAddress peer, String... lines) {
        return INGRESS.clientOf(peer, List.of(lines));
    }

    @Test
    void twoClientsBehindATrustedProxyAreTwoAddresses() {
        assertEquals(ip("198.51.100.1"), xff(PROXY, "198.51.100.1"));
        assertEquals(ip("198.51.100.2"), xff(PROXY, "198.51.100.2"));
    }

    @Test
    void aHeaderFromAnUntrustedPeerIsIgnored() {
        InetAddress viewer = ip("203.0.113.9");
        assertEquals(viewer, xff(viewer, "198.51.100.1"));
        assertEquals(viewer, TrustedProxies.parse("s", List.of(), Header.X_FORWARDED_FOR).clientOf(viewer, List.of("10.1.1.1")));
    }

    @Test
    void theRightMostHopThatIsNotAProxyIsTheClientAndWhatTheClientWroteIsNot() {
        // The client sent "X-Forwarded-For: 1.2.3.4"; the ingress appended the address it saw.
        assertEquals(ip("198.51.100.1"), xff(PROXY, "1.2.3.4, 198.51.100.1"));
        // Two proxies of ours in a row; a second header line counts after the first.
        assertEquals(ip("198.51.100.1"), xff(PROXY, "1.2.3.4, 198.51.100.1, 10.9.9.9"));
        assertEquals(ip("198.51.100.1"), xff(PROXY, "1.2.3.4", "198.51.100.1,10.9.9.9"));
        // Every hop a proxy of ours: the farthest.
        assertEquals(ip("10.0.0.5"), xff(PROXY, "10.0.0.5, 10.9.9.9"));
        assertEquals(ip("2001:db8::1"), xff(ip("fd00::1"), "[2001:db8::1]:4711"));
        assertEquals(ip("198.51.100.1"), xff(PROXY, "198.51.100.1:4711"));
    }

    @Test
    void aMalformedHopMeansThePeer() {
        for (String bad : new String[] {"", "unknown", "evil.example.com", "1.2.3", "999.1.1.1", "198.51.100.1,", "[2001:db8::1",
                "1.2.3.4 5.6.7.8", "0x7f.1.1.1", ".1::", "fe80::1%eth0"}) {
            assertEquals(PROXY, xff(PROXY, bad), bad);
        }
        // Left of the client, garbage is never even read.
        assertEquals(ip("198.51.100.1"), xff(PROXY, "garbage, 198.51.100.1"));
    }

    @Test
    void forwardedIsReadWhenItIsTheProxiesHeader() {
        TrustedProxies rfc7239 = TrustedProxies.parse("s", List.of("10.0.0.0/8"), Header.FORWARDED);
        assertEquals(ip("198.51.100.1"), rfc7239.clientOf(PROXY, List.of("for=1.2.3.4, for=198.51.100.1;proto=https;by=10.0.0.1")));
        assertEquals(ip("2001:db8:cafe::17"), rfc7239.clientOf(PROXY, List.of("For=\"[2001:db8:cafe::17]:4711\"")));
        assertEquals(PROXY, rfc7239.clientOf(PROXY, List.of("for=_hidden")));
        assertEquals(PROXY, rfc7239.clientOf(PROXY, List.of("proto=https")));
        // The other header is not read: a client could write it past a proxy that appends to one.
        assertEquals(PROXY, rfc7239.clientOf(PROXY, List.of()));
    }

    @Test
    void rangesMatchByTheirLeadingBits() {
        assertTrue(INGRESS.trusts(ip("10.255.255.255")));
        assertFalse(INGRESS.trusts(ip("11.0.0.0")));
        assertTrue(INGRESS.trusts(ip("192.0.2.7")));
        assertFalse(INGRESS.trusts(ip("192.0.2.8")));
        assertTrue(INGRESS.trusts(ip("fdff::1")));
        assertFalse(INGRESS.trusts(ip("fe00::1")));
        TrustedProxies odd = TrustedProxies.parse("s", List.of("172.16.0.0/12"), Header.X_FORWARDED_FOR);
        assertTrue(odd.trusts(ip("172.31.255.1")));
        assertFalse(odd.trusts(ip("172.32.0.1")));
    }

    @Test
    void aBadEntryStopsTheServiceNamingTheSetting() {
        for (String bad : new String[] {"10.0.0.0/33", "ingress.local", "10.0.0.0/", "::/129", "10.0.0.0/8/8", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TrustedProxies.parse("tracker.trusted-proxies", List.of(bad), Header.X_FORWARDED_FOR));
            assertTrue(e.getMessage().startsWith("tracker.trusted-proxies: '" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void literalsAreNeverLookedUp() {
        assertNull(IpLiteral.parse("localhost"));
        assertNull(IpLiteral.parse("example.com"));
        assertEquals(ip("127.0.0.1"), IpLiteral.parseHop(" 127.0.0.1 "));
    }
}
