package io.streamhub.redis.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamhub.shared.app.AppConfigUnavailableException;
import io.streamhub.shared.app.AppIndex;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Unknown is not disabled: what a reader decides from a config key and the app index (docs/architecture.md, "Recovery rules"). */
class AppConfigRuleTest {

    /** A reader whose rule is exercised directly: it never fetches. */
    static AppConfigReader<Integer> reader() {
        return new AppConfigReader<>(StateRedis.KEYS, keys -> Future.failedFuture("not fetched here"),
                new AppConfigReader.Freshness(Duration.ofHours(1), false), c -> 0);
    }


    static final String P2P_ON = "{\"app\":\"live\",\"distribution\":{\"mode\":\"p2p\",\"p2p\":{\"enabled\":true}}}";
    static final String P2P_OFF = "{\"app\":\"live\",\"distribution\":{\"mode\":\"p2p\",\"p2p\":{\"enabled\":false}}}";
    static final String INDEX_WITH_LIVE = new AppIndex("r1", Set.of("live", "shop")).toJson();
    static final String INDEX_WITHOUT_LIVE = new AppIndex("r2", Set.of("shop")).toJson();

    @Test
    void aKeyLostWithRedissDataKeepsTheLastConfigUntilItIsBack() {
        AppConfigReader<Integer> configs = reader();
        assertTrue(configs.decide("live", P2P_ON, INDEX_WITH_LIVE).orElseThrow().p2p().enabled());
        // FLUSHALL: the key and the index are gone. P2P stays on.
        assertTrue(configs.decide("live", null, null).orElseThrow().p2p().enabled());
        // Partly lost: the index lists the app but its key is gone. Still on.
        assertTrue(configs.decide("live", null, INDEX_WITH_LIVE).orElseThrow().p2p().enabled());
        // Only a config that says so turns it off.
        assertFalse(configs.decide("live", P2P_OFF, INDEX_WITH_LIVE).orElseThrow().p2p().enabled());
    }

    @Test
    void onlyTheIndexSaysAnAppWasRemoved() {
        AppConfigReader<Integer> configs = reader();
        configs.decide("live", P2P_ON, INDEX_WITH_LIVE);
        assertEquals(Optional.empty(), configs.decide("live", null, INDEX_WITHOUT_LIVE));
        assertEquals(Optional.empty(), configs.last("live"), "a removed app is forgotten");
    }

    @Test
    void aNewProcessWithNoMemoryAndNoKeyIsNotReadyForTheApp() {
        AppConfigReader<Integer> configs = reader();
        assertThrows(AppConfigUnavailableException.class, () -> configs.decide("live", null, null));
        assertThrows(AppConfigUnavailableException.class, () -> configs.decide("live", null, INDEX_WITH_LIVE));
        assertEquals(Optional.empty(), configs.decide("ghost", null, INDEX_WITH_LIVE), "an index without the app: it does not exist");
        // An unreadable index is no index: nothing counts as removed.
        assertThrows(AppConfigUnavailableException.class, () -> configs.decide("ghost", null, "{\"apps\":\"nope\"}"));
    }

    @Test
    void theIndexRoundTripsAndRejectsJunk() {
        AppIndex index = AppIndex.read(INDEX_WITH_LIVE);
        assertEquals(new AppIndex("r1", Set.of("live", "shop")), index);
        assertEquals("{\"revision\":\"r1\",\"apps\":[\"live\",\"shop\"]}", index.toJson());
        assertNull(AppIndex.read("not json"));
        assertNull(AppIndex.read("{\"revision\":\"r\",\"apps\":[1]}"));
        assertNull(AppIndex.read("{\"apps\":[]}"));
    }
}
