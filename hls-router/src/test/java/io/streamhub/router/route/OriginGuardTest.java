package io.streamhub.router.route;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.net.SocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who gets past origin protection: the token and the address ranges, alone and together. */
class OriginGuardTest {

    static SocketAddress peer(String ip) {
        return SocketAddress.inetSocketAddress(40000, ip);
    }

    @Test
    void withNothingConfiguredEveryoneIsLetIn() {
        OriginGuard open = new OriginGuard(null, "X-StreamHub-Origin-Token", List.of());
        assertFalse(open.enabled());
        assertNull(open.refusal(null, peer("198.51.100.7")));
    }

    @Test
    void theTokenMustBePresentedExactly() {
        OriginGuard guard = new OriginGuard("s3cret-Token", "X-StreamHub-Origin-Token", List.of());
        assertTrue(guard.enabled());
        assertNull(guard.refusal("s3cret-Token", peer("198.51.100.7")));
        assertNotNull(guard.refusal(null, peer("198.51.100.7")));
        assertNotNull(guard.refusal("", peer("198.51.100.7")));
        assertNotNull(guard.refusal("s3cret-token", peer("198.51.100.7")), "case matters");
        assertNotNull(guard.refusal("s3cret-Token ", peer("198.51.100.7")));
        assertNotNull(guard.refusal("s3cret-Toke", peer("198.51.100.7")));
    }

    @Test
    void onlyAllowedRangesGetInIpv4AndIpv6() {
        OriginGuard guard = new OriginGuard(null, "X-StreamHub-Origin-Token", List.of("203.0.113.0/24", "2001:db8::/32"));
        assertNull(guard.refusal(null, peer("203.0.113.200")));
        assertNull(guard.refusal(null, peer("2001:db8:0:1::5")));
        assertNotNull(guard.refusal(null, peer("203.0.114.1")));
        assertNotNull(guard.refusal(null, peer("2001:db9::1")));
        assertNotNull(guard.refusal(null, null), "no peer address: not let in");
    }

    @Test
    void withBothTheRequestNeedsBoth() {
        OriginGuard guard = new OriginGuard("t", "X-StreamHub-Origin-Token", List.of("127.0.0.0/8"));
        assertNull(guard.refusal("t", peer("127.0.0.1")));
        assertNotNull(guard.refusal("t", peer("192.0.2.1")));
        assertNotNull(guard.refusal("x", peer("127.0.0.1")));
    }

    @Test
    void aMalformedRangeStopsTheStartRatherThanLettingEveryoneIn() {
        for (String bad : List.of("203.0.113.0", "203.0.113.0/33", "not-an-ip/8", "203.0.113.0/x")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new OriginGuard(null, "X-StreamHub-Origin-Token", List.of(bad)), bad);
            assertTrue(e.getMessage().contains("'" + bad + "' is not a CIDR"), e.getMessage());
        }
    }
}
