package io.streamhub.router.proxy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.streamhub.testsupport.RedisTestResource;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 30: a flood of well-formed names nobody serves (sessions, rooms) against a real master and a
 * real Redis leaves the owner directory bounded, and costs Redis a bounded number of reads, not one per name.
 */
@QuarkusTest
@TestProfile(DirectoryFloodTest.Profile.class)
@WithTestResource(RedisTestResource.class)
class DirectoryFloodTest {

    static final int MAX_ROOMS = 100;

    /** A master whose directory keeps few rooms, so the size bound shows with a small flood. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("router.role", "master", "router.node-id", "flood-master",
                    "router.proxy.directory-max-rooms", Integer.toString(MAX_ROOMS), "router.proxy.negative-ttl", "1s");
        }
    }

    @Inject
    RedisDataSource redis;
    @Inject
    MeterRegistry registry;

    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void aFloodOfUnknownSessionNamesReadsTheRoomsHashNotEachNameAndKeepsNothingPerName() throws Exception {
        // One real recorded session in the room's hash; the flood names thousands of others.
        redis.hash(String.class).hset("sh:sessions:shop:flood", Map.of("20261201T090000000Z-g1", "node-x", "20261201T090000000Z", "1:node-x"));
        int names = 3000;
        long hashReadsBefore = calls("hgetall");
        long fieldReadsBefore = calls("hget");
        long t0 = System.nanoTime();
        flood(names, i -> "/hls/shop/flood/" + session(i) + "-g" + (1 + i % 7) + "-seg00001.ts");
        double seconds = (System.nanoTime() - t0) / 1e9;

        long hashReads = calls("hgetall") - hashReadsBefore;
        // One read of the room's hash per negative TTL (1 s), each with the node record of its one holder.
        long bound = 2 * ((long) Math.ceil(seconds) + 2);
        assertTrue(hashReads <= bound, hashReads + " hash reads for " + names + " names in " + seconds + " s (bound " + bound + ")");
        assertEquals(0, calls("hget") - fieldReadsBefore, "no read per name");
        assertTrue(cacheSize("sessions") <= 1, "one room's hash, no entry per name: " + cacheSize("sessions"));
    }

    @Test
    void aFloodOfUnknownRoomsIsBoundedBySizeAndForgottenWithItsNegativeTtl() throws Exception {
        int rooms = 1000;
        flood(rooms, i -> "/hls/shop/nope" + i + "/index.m3u8");
        flood(rooms, i -> "/hls/shop/nope" + i + "/" + session(i) + "-g1-seg00001.ts");
        assertTrue(cacheSize("owners") <= MAX_ROOMS, "owners: " + cacheSize("owners"));
        assertTrue(cacheSize("sessions") <= MAX_ROOMS, "sessions: " + cacheSize("sessions"));
        assertTrue(evictions("owners") >= rooms - MAX_ROOMS, "evicted by size: " + evictions("owners"));

        // "Nobody" lives its negative TTL: once it has passed, a lookup (which runs the cache's upkeep)
        // finds and leaves nearly nothing. Expiry is kept on Caffeine's timer wheel, to about a second.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            flood(1, i -> "/hls/shop/after-the-flood/index.m3u8");
            assertTrue(cacheSize("owners") <= 2, "owners after the TTL: " + cacheSize("owners"));
        });
    }

    static String session(int i) {
        return String.format("20261202T%06d%03dZ", i / 1000 % 240000, i % 1000);
    }

    /**
     * Sends the requests from 8 connections at once. Nobody serves them: each is a 404, or a 503 when
     * Redis was too slow to answer within its deadline (a loaded machine) — never anything else.
     */
    void flood(int n, IntFunction<String> path) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger notFound = new AtomicInteger();
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            workers.add(CompletableFuture.runAsync(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + path.apply(i))).build();
                    try {
                        int status = client.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
                        assertTrue(status == 404 || status == 503, path.apply(i) + ": " + status);
                        notFound.addAndGet(status == 404 ? 1 : 0);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }));
        }
        CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get();
        assertTrue(notFound.get() > n / 2, notFound.get() + " of " + n + " were 404s");
    }

    double cacheSize(String cache) {
        return registry.get("streamhub.router.directory.entries").tag("cache", cache).gauge().value();
    }

    double evictions(String cache) {
        return registry.get("streamhub.router.directory.evictions").tag("cache", cache).functionCounter().count();
    }

    /** How many times Redis ran a command, from its own statistics. */
    long calls(String command) {
        String info = redis.execute("INFO", "commandstats").toString();
        Matcher m = Pattern.compile("cmdstat_" + command + ":calls=(\\d+)").matcher(info);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
