package io.streamhub.redis.state;

import static io.streamhub.redis.state.StateRedis.KEYS;
import static io.streamhub.redis.state.StateRedis.await;
import static io.streamhub.redis.state.StateRedis.command;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamhub.shared.RoomId;
import io.streamhub.shared.SessionAdvertisement;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionAdvertisementsTest {

    static final RoomId ROOM = new RoomId("sessions", "r1");
    static final String S1 = "20261202T201503123Z";
    static final String S2 = "20261203T080000000Z";
    final SessionAdvertisements sessions = new SessionAdvertisements(StateRedis.OPS, StateRedis.DATA);

    @BeforeEach
    void clean() throws Exception {
        command("DEL", KEYS.sessions(ROOM));
    }

    @Test
    void whatOriginsAdvertiseReadsBackAndTheNewestGenerationNamesTheSessionsHolder() throws Exception {
        await(sessions.advertise(ROOM, List.of(SessionAdvertisement.of(S1, new TreeSet<>(List.of(1, 2)), "node-a"),
                SessionAdvertisement.of(S2, new TreeSet<>(List.of(1)), "node-a")), 60_000));
        // The egress moved mid-live: generation 3 of S1 is on node-b, which now holds its newest part.
        await(sessions.advertise(ROOM, List.of(SessionAdvertisement.of(S1, new TreeSet<>(List.of(3)), "node-b")), 60_000));
        // node-a's next pass does not take the session back.
        await(sessions.advertise(ROOM, List.of(SessionAdvertisement.of(S1, new TreeSet<>(List.of(1, 2)), "node-a")), 60_000));

        assertEquals("node-a", holder(S1, OptionalInt.of(2)));
        assertEquals("node-b", holder(S1, OptionalInt.of(3)));
        assertEquals("node-b", holder(S1, OptionalInt.empty()));
        assertEquals("node-a", holder(S2, OptionalInt.empty()));
        assertNull(holder(S2, OptionalInt.of(7)));
        assertEquals(new HashSet<>(List.of(new SessionAdvertisement(S1, 1, "node-a", false), new SessionAdvertisement(S1, 2, "node-a", false),
                new SessionAdvertisement(S1, 3, "node-b", false), new SessionAdvertisement(S1, 3, "node-b", true),
                new SessionAdvertisement(S2, 1, "node-a", false), new SessionAdvertisement(S2, 1, "node-a", true))),
                new HashSet<>(sessions.read(ROOM)));
        long ttl = Long.parseLong(command("PTTL", KEYS.sessions(ROOM)));
        assertTrue(ttl > 0 && ttl <= 60_000, "the hash expires with the retention: " + ttl);
    }

    @Test
    void malformedFieldsAndValuesAreNoAdvertisementAndAValueFromBeforeGenerationsIsTheOldest() throws Exception {
        command("HSET", KEYS.sessions(ROOM), "../../etc", "node-x", S1, "node-before-generations", S2 + "-gX", "node-y",
                S2 + "-g1", "", S2, "4:node-z", S2 + "-g4", "node-z");
        assertEquals(Set.of(new SessionAdvertisement(S1, -1, "node-before-generations", true), new SessionAdvertisement(S2, 4, "node-z", true),
                new SessionAdvertisement(S2, 4, "node-z", false)), Set.copyOf(sessions.read(ROOM)));
        assertEquals("node-before-generations", holder(S1, OptionalInt.empty()));
        assertNull(holder(S2, OptionalInt.of(1)), "an empty value names no node");
        await(sessions.advertise(ROOM, List.of(SessionAdvertisement.of(S1, new TreeSet<>(List.of(1)), "node-a")), 60_000));
        assertEquals("node-a", holder(S1, OptionalInt.empty()), "any generation is newer than none");
    }

    /** The node advertising a session's generation (or, with none given, its newest), as a master reads it: from the whole hash. */
    private String holder(String session, OptionalInt generation) throws Exception {
        return await(sessions.holders(ROOM)).get(SessionAdvertisement.field(session, generation));
    }
}
