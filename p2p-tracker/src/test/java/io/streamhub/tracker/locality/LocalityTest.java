package io.streamhub.tracker.locality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class LocalityTest {

    final Locality locality = new Locality(24, 48, "X-Viewer-Zone");

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    long prefix(String literal) {
        return locality.prefixOf(ip(literal));
    }

    @Test
    void ipv4AddressesShareAPrefixWithinTheirSlash24() {
        assertEquals(prefix("203.0.113.7"), prefix("203.0.113.250"));
        assertNotEquals(prefix("203.0.113.7"), prefix("203.0.114.7"));
        assertNotEquals(0, prefix("203.0.113.7"));
        assertEquals(prefix("127.0.1.1"), prefix("127.0.1.9"));
        assertNotEquals(prefix("127.0.1.1"), prefix("127.0.2.1"));
    }

    @Test
    void ipv6AddressesShareAPrefixWithinTheirSlash48() {
        assertEquals(prefix("2001:db8:1234::1"), prefix("2001:db8:1234:ffff::2"));
        assertNotEquals(prefix("2001:db8:1234::1"), prefix("2001:db8:1235::1"));
        assertNotEquals(0, prefix("2001:db8:1234::1"));
        assertEquals(0, prefix("::1"), "loopback and unspecified are no viewer's network");
    }

    @Test
    void anIpv4MappedIpv6AddressIsItsIpv4Address() throws UnknownHostException {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 203, 0, 113, 9};
        assertEquals(prefix("203.0.113.7"), locality.prefixOf(Inet6Address.getByAddress(null, mapped, null)));
    }

    @Test
    void anIpv4PrefixNeverEqualsAnIpv6One() {
        Locality wide = new Locality(8, 16, "X-Viewer-Zone");
        assertNotEquals(wide.prefixOf(ip("32.1.2.3")), wide.prefixOf(ip("2001:db8::1")));
        assertNotEquals(wide.prefixOf(ip("0.0.0.1")), wide.prefixOf(ip("::1")));
    }

    @Test
    void prefixLengthsAreConfigurableAndZeroTurnsAFamilyOff() {
        Locality slash16 = new Locality(16, 64, "X-Viewer-Zone");
        assertEquals(slash16.prefixOf(ip("198.51.1.1")), slash16.prefixOf(ip("198.51.200.1")));
        assertNotEquals(slash16.prefixOf(ip("2001:db8:1:2::1")), slash16.prefixOf(ip("2001:db8:1:3::1")), "/64");
        Locality off = new Locality(0, 0, "X-Viewer-Zone");
        assertEquals(0, off.prefixOf(ip("198.51.1.1")));
        assertEquals(0, off.prefixOf(ip("2001:db8::1")));
        assertEquals(0, locality.prefixOf(null));
        assertThrows(IllegalArgumentException.class, () -> new Locality(33, 48, "X-Viewer-Zone"));
        assertThrows(IllegalArgumentException.class, () -> new Locality(24, 65, "X-Viewer-Zone"));
        assertThrows(IllegalArgumentException.class, () -> new Locality(-1, 48, "X-Viewer-Zone"));
    }

    @Test
    void zonesAreShortNamesWithStableIdsAndAnythingElseIsIgnored() {
        int eu = locality.zoneOf("eu-west-1");
        assertNotEquals(0, eu);
        assertEquals(eu, locality.zoneOf(" eu-west-1 "));
        assertNotEquals(eu, locality.zoneOf("us-east.2"));
        assertNotEquals(eu, locality.zoneOf("EU-WEST-1"), "names are compared as given");
        for (String bad : new String[] {null, "", " ", "eu west", "eu/west", "zone;drop", "é", "x".repeat(65)}) {
            assertEquals(0, locality.zoneOf(bad), String.valueOf(bad));
        }
        assertNotEquals(0, locality.zoneOf("x".repeat(64)));
    }

    @Test
    void theZoneTableIsBounded() {
        Locality fresh = new Locality(24, 48, "X-Viewer-Zone");
        for (int i = 1; i <= Locality.MAX_ZONES; i++) {
            assertEquals(i, fresh.zoneOf("zone-" + i));
        }
        assertEquals(0, fresh.zoneOf("one-too-many"));
        assertEquals(7, fresh.zoneOf("zone-7"), "known zones keep their ids");
    }
}
