package io.streamhub.router.origin;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamhub.redis.RedisOps;
import io.streamhub.router.playlist.SequenceState;
import io.streamhub.router.support.Playlist;
import io.streamhub.router.support.RoomFiles;
import io.streamhub.shared.RoomId;
import io.streamhub.testsupport.RedisTestResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The public numbering of a room's playlist across egress restarts and origin moves, with the
 * state in a real Redis: what a player holding the old playlist needs to carry on (RFC 8216 §6.2.2).
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class SequenceContinuityTest {

    @Inject
    RedisDataSource redis;

    @Inject
    RedisOps redisOps;

    @BeforeEach
    void defaultListSize() {
        redis.key().del("sh:config:numbers");
        redis.value(String.class).set("sh:apps", "{\"revision\":\"test\",\"apps\":[]}"); // removed, as config-service removes it // list_size 6
    }

    @Test
    void aRestartedEgressContinuesTheRoomsNumbers() {
        redis.key().del("sh:seq:numbers:restarts:_");
        RoomFiles room = new RoomFiles(AllInOneOriginTest.DATA, "numbers", "restarts");
        room.write("live.m3u8", Playlist.live(2, "g1-seg", 100, 6));
        await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/hls/numbers/restarts/index.m3u8").statusCode() == 200);
        assertEquals(100, Playlist.mediaSequence(given().get("/hls/numbers/restarts/index.m3u8").asString()));

        room.write("live.m3u8", Playlist.live(2, "g2-seg", 0, 2)); // the new egress's first playlist
        String restarted = given().get("/hls/numbers/restarts/index.m3u8").then().statusCode(200).extract().asString();
        assertEquals(106, Playlist.mediaSequence(restarted), restarted);
        assertTrue(restarted.contains("#EXT-X-DISCONTINUITY\n#EXTINF:2.000,\ng2-seg0.ts\n"), restarted);

        Map<String, String> stored = redis.hash(String.class).hgetall("sh:seq:numbers:restarts:_");
        assertEquals("2", stored.get("generation"));
        assertEquals("106", stored.get("offset"));
        assertEquals("108", stored.get("next"));
        assertEquals("1", stored.get("marked"));
        long ttl = redis.key().ttl("sh:seq:numbers:restarts:_");
        assertTrue(ttl > 0 && ttl <= SequenceStore.TTL_SECONDS, "the numbering expires with the room: " + ttl);

        // The egress's window slides on: the discontinuity it started with is now counted instead.
        room.write("live.m3u8", Playlist.live(2, "g2-seg", 1, 6));
        String slid = given().get("/hls/numbers/restarts/index.m3u8").asString();
        assertTrue(slid.contains("#EXT-X-MEDIA-SEQUENCE:107\n#EXT-X-DISCONTINUITY-SEQUENCE:1\n"), slid);
    }

    @Test
    void aRoomTakenOverFromAnotherNodeContinuesItsNumbers() {
        // What the node that served generation 4 left in Redis.
        redis.hash(String.class).hset("sh:seq:numbers:moved:720p", Map.of("generation", "4", "offset", "500",
                "discontinuityBase", "2", "marked", "1", "next", "530", "lastDiscontinuity", "3"));
        RoomFiles room = new RoomFiles(AllInOneOriginTest.DATA, "numbers", "moved");
        room.write("720p/live.m3u8", Playlist.live(2, "g5-seg", 0, 3));
        await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/hls/numbers/moved/720p/index.m3u8").statusCode() == 200);

        String served = given().get("/hls/numbers/moved/720p/index.m3u8").asString();
        assertTrue(served.contains("#EXT-X-MEDIA-SEQUENCE:530\n#EXT-X-DISCONTINUITY-SEQUENCE:3\n#EXT-X-DISCONTINUITY\n#EXTINF:2.000,\ng5-seg0.ts\n"),
                served);
        assertEquals("533", redis.hash(String.class).hget("sh:seq:numbers:moved:720p", "next"));
    }

    @Test
    void aRenditionFirstRequestedLateLinesUpWithTheOthers() {
        RoomFiles room = new RoomFiles(AllInOneOriginTest.DATA, "numbers", "ladder");
        redis.key().del("sh:seq:numbers:ladder:720p", "sh:seq:numbers:ladder:360p");
        room.write("360p/live.m3u8", Playlist.live(2, "g1-seg", 100, 6)).write("720p/live.m3u8", Playlist.live(2, "g1-seg", 100, 6));
        await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/hls/numbers/ladder/720p/index.m3u8").statusCode() == 200);

        // The egress restarts; only 720p has been watched so far.
        room.write("360p/live.m3u8", Playlist.live(2, "g2-seg", 0, 2)).write("720p/live.m3u8", Playlist.live(2, "g2-seg", 0, 2));
        String hd = given().get("/hls/numbers/ladder/720p/index.m3u8").asString();
        String sd = given().get("/hls/numbers/ladder/360p/index.m3u8").asString();
        assertEquals(hd, sd, "a player switching renditions finds the same numbers and discontinuities");
        assertTrue(sd.contains("#EXT-X-MEDIA-SEQUENCE:106\n#EXT-X-DISCONTINUITY\n"), sd);
    }

    @Test
    void storedNumbersOnlyMoveForwardWhoeverWrites() {
        RoomId room = new RoomId("numbers", "racing");
        String key = "sh:seq:numbers:racing:_";
        redis.key().del(key);
        assertTrue(save(room, new SequenceState(3, 10, 0, true, 40, 1, null)));

        // Other nodes with stale memories (a node that lost the room, a slower request) write older states.
        assertFalse(save(room, new SequenceState(2, 0, 0, false, 90, 0, null)), "an older generation");
        assertFalse(save(room, new SequenceState(3, 10, 0, true, 35, 1, null)), "fewer segments");
        assertEquals("40", redis.hash(String.class).hget(key, "next"));
        assertEquals("3", redis.hash(String.class).hget(key, "generation"));
        assertTrue(save(room, new SequenceState(3, 10, 0, true, 41, 1, null)));
        assertTrue(save(room, new SequenceState(4, 41, 1, true, 41, 1, null)), "a newer generation");
        assertEquals("4", redis.hash(String.class).hget(key, "generation"));

        // A corrupt record is ignored rather than trusted.
        redis.hash(String.class).hset(key, "offset", "-5");
        SequenceStore.Known corrupt = new SequenceStore(redisOps).load(room, null).toCompletionStage().toCompletableFuture().join();
        assertTrue(corrupt.reachable());
        assertNull(corrupt.state());
    }

    /** Saves from a fresh store, as another node would: nothing in memory to stop it, only Redis. */
    private boolean save(RoomId room, SequenceState state) {
        return new SequenceStore(redisOps).save(room, null, null, state).toCompletionStage().toCompletableFuture().join();
    }
}
