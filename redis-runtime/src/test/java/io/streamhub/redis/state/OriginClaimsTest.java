package io.streamhub.redis.state;

import static io.streamhub.redis.state.StateRedis.KEYS;
import static io.streamhub.redis.state.StateRedis.await;
import static io.streamhub.redis.state.StateRedis.command;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamhub.shared.OriginClaim;
import io.streamhub.shared.RoomId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OriginClaimsTest {

    static final RoomId ROOM = new RoomId("claims", "r1");
    final OriginClaims claims = new OriginClaims(StateRedis.OPS, StateRedis.DATA);

    @BeforeEach
    void clean() throws Exception {
        command("DEL", KEYS.origin(ROOM));
    }

    @Test
    void oneNodeClaimsRefreshesAndReleasesWhileAnotherCannot() throws Exception {
        OriginClaim a = new OriginClaim(ROOM, "node-a");
        OriginClaim b = new OriginClaim(ROOM, "node-b");
        assertEquals(1L, await(claims.claim(a, 30)));
        assertEquals(2L, await(claims.claim(a, 30)));
        assertEquals(0L, await(claims.claim(b, 30)));
        assertEquals(a, await(claims.holder(ROOM)));
        assertEquals(a, claims.read(ROOM));
        assertTrue(Long.parseLong(command("TTL", KEYS.origin(ROOM))) > 0, "a claim expires by itself");

        assertEquals(0L, await(claims.release(b)), "only the holder releases");
        assertEquals(1L, await(claims.release(a)));
        assertNull(await(claims.holder(ROOM)));
        assertNull(claims.read(ROOM));
    }

    @Test
    void aBlankValueIsNoClaim() throws Exception {
        command("SET", KEYS.origin(ROOM), " ");
        assertNull(await(claims.holder(ROOM)));
        assertNull(claims.read(ROOM));
    }
}
