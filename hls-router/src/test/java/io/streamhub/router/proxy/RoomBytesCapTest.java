package io.streamhub.router.proxy;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.streamhub.router.support.OriginClaims;
import io.streamhub.router.support.TestUpstream;
import io.streamhub.testsupport.RedisTestResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code router.room-metrics-max}: only rooms that served something take a place, the first ones
 * get their own series, every later room's bytes count as {@code room="_other"} of its app, and
 * Prometheus sees exactly that.
 */
@QuarkusTest
@TestProfile(CappedRoomsProfile.class)
@WithTestResource(RedisTestResource.class)
class RoomBytesCapTest {

    static TestUpstream node;

    @Inject
    RedisDataSource redis;
    @Inject
    MeterRegistry registry;

    @BeforeAll
    static void start() {
        node = TestUpstream.start();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    void claim(String app, String room) {
        OriginClaims.claim(redis, app, room, "node-c");
    }

    double counted(String app, String room) {
        return registry.find("streamhub.router.hls.bytes").tag("app", app).tag("room", room).counters()
                .stream().mapToDouble(Counter::count).sum();
    }

    @Test
    void roomsPastTheCapCountAsOtherAndInventedRoomsTakeNoPlace() {
        redis.hash(String.class).hset("sh:node:node-c", "hlsUrl", node.baseUrl());
        // A flood of invented rooms first: 404s, none of which may take one of the two places.
        for (int i = 0; i < 30; i++) {
            given().get("/hls/capped/flood" + i + "/index.m3u8").then().statusCode(404);
        }
        long[] sizes = {1000, 2000, 3000, 4000};
        for (int i = 0; i < sizes.length; i++) {
            String room = "c" + (i + 1);
            node.put("/hls/capped/" + room + "/seg1.ts", new byte[(int) sizes[i]]);
            claim("capped", room);
            await().atMost(Duration.ofSeconds(5)).until(() -> given().get("/hls/capped/" + room + "/seg1.ts").statusCode() == 200);
        }
        node.put("/hls/other-app/r1/seg1.ts", new byte[500]);
        claim("other-app", "r1");
        await().atMost(Duration.ofSeconds(5)).until(() -> given().get("/hls/other-app/r1/seg1.ts").statusCode() == 200);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertEquals(1000, counted("capped", "c1"), 0.0);
            assertEquals(2000, counted("capped", "c2"), 0.0);
            assertEquals(3000 + 4000, counted("capped", "_other"), 0.0, "rooms past the cap count as _other of their app");
            assertEquals(500, counted("other-app", "_other"), 0.0, "the cap is over all apps");
        });
        for (String room : List.of("c3", "c4", "r1")) {
            assertTrue(registry.find("streamhub.router.hls.bytes").tag("room", room).counters().isEmpty(), room + " has no series");
        }

        // What Prometheus scrapes: the counter's name, its labels, and no room beyond the cap or invented.
        String exposition = given().get("/q/metrics").asString();
        Matcher m = Pattern.compile("^streamhub_router_hls_bytes_total\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE).matcher(exposition);
        Set<String> rooms = new TreeSet<>();
        while (m.find()) {
            String labels = m.group(1);
            Matcher room = Pattern.compile("room=\"([^\"]*)\"").matcher(labels);
            assertTrue(room.find(), labels);
            rooms.add(room.group(1));
            for (String label : List.of("app=\"", "kind=\"segment\"", "mode=\"", "role=\"master\"")) {
                assertTrue(labels.contains(label), labels + " has " + label);
            }
        }
        assertEquals(Set.of("c1", "c2", "_other"), rooms);
        assertFalse(exposition.contains("flood"), "invented rooms are not in the metrics");
    }
}
