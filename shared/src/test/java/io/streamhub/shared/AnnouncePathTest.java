package io.streamhub.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class AnnouncePathTest {

    @Test
    void roomsShardsAndPodPrefixes() {
        assertEquals(new AnnouncePath("shop", "live", OptionalInt.empty()), AnnouncePath.parse("/announce/shop/live"));
        assertEquals(new AnnouncePath("shop", "live", OptionalInt.of(3)), AnnouncePath.parse("/announce/shop/live/3"));
        assertEquals(new AnnouncePath("shop", "live", OptionalInt.of(63)), AnnouncePath.parse("/t/12/announce/shop/live/63"));
        assertEquals("shop/live/3", AnnouncePath.parse("/announce/shop/live/3").swarmPath());
        assertEquals("shop/live", AnnouncePath.parse("/announce/shop/live").swarmPath());
    }

    @Test
    void anythingElseIsNotAnAnnouncePath() {
        for (String bad : new String[] {null, "", "/announce/shop", "/announce/shop/live/", "/announce/shop/live/64",
                "/announce/shop/live/-1", "/announce/shop/live/1/2", "/announce/../live", "/announce/shop/%2e%2e",
                "/announce/sh%2Fop/live", "/announce/shop/live%00", "/x/announce/shop/live", "/t//announce/shop/live",
                "/t/12345/announce/shop/live", "/announce/" + "a".repeat(65) + "/live", "/announce/shop/" + "r".repeat(300)}) {
            assertNull(AnnouncePath.parse(bad), String.valueOf(bad));
        }
    }
}
