package io.streamhub.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamhub.testsupport.LocalRedis;
import io.streamhub.testsupport.ServiceProcess;
import io.vertx.core.json.JsonArray;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A real cache as the CDN: Debian's Varnish with its built-in VCL and defaults, as a pull zone in
 * front of the master (origin router on the media node → master → Varnish → viewers). The player
 * plays through it in headless Chromium; then {@value #POLLERS} simulated viewers poll the
 * playlist through it once a second while the master's playlist requests are counted, and every
 * answer's staleness is measured against the origin (how long a newer playlist had existed there).
 * Goal: the master sees about one playlist fetch per half target duration, not one per viewer
 * poll, and no viewer's playlist is older than one target duration. Figures: docs/benchmarks.md,
 * "CDN in front of the master".
 */
class VarnishCdnIT {

    static final Path WORK = Path.of("target", "e2e-varnish").toAbsolutePath();
    static final int TARGET_SECONDS = 4;
    static final int POLLERS = 60;
    static final Duration WINDOW = Duration.ofSeconds(30);
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void theMasterSeesAboutOnePlaylistFetchPerHalfTargetDurationHoweverManyViewersPoll() throws Exception {
        ViewersIT.deleteRecursively(WORK);
        Files.createDirectories(WORK.resolve("apps"));
        Path data = WORK.resolve("node-b");
        LocalRedis redis = LocalRedis.start(WORK.resolve("redis"));
        List<AutoCloseable> started = new ArrayList<>();
        try {
            ServiceProcess origin = keep(started, ServiceProcess.start("cdn-origin", ViewersIT.jar("hls-router"), port -> Map.of(
                    "REDIS_URL", redis.url(), "ROUTER_ROLE", "origin", "ROUTER_NODE_ID", "node-b",
                    "ROUTER_ADVERTISED_URL", "http://127.0.0.1:" + port, "ROUTER_ORIGIN_DATA_DIR", data.toString())));
            ServiceProcess master = keep(started, ServiceProcess.start("cdn-master", ViewersIT.jar("hls-router"), port -> Map.of(
                    "REDIS_URL", redis.url(), "ROUTER_ROLE", "master", "ROUTER_NODE_ID", "master",
                    "ROUTER_ADVERTISED_URL", "http://127.0.0.1:" + port)));
            Varnish cdn = keep(started, Varnish.start(WORK.resolve("varnish"), "127.0.0.1:" + master.port()));
            // The app names the CDN, so the playback API hands players its URL (the user's path).
            Files.writeString(WORK.resolve("apps/cdnapp.yaml"), """
                    app: cdnapp
                    distribution:
                      mode: cdn
                      cdn:
                        base_url: %s
                      hls:
                        segment_seconds: %d
                        list_size: 6
                    """.formatted(cdn.url(""), TARGET_SECONDS));
            Map<String, String> redisEnv = Map.of("REDIS_URL", redis.url());
            ServiceProcess config = keep(started, ServiceProcess.start("cdn-config", ViewersIT.jar("config-service"),
                    port -> E2eEnv.merge(redisEnv, E2eEnv.configService(WORK, master.url(""), port))));
            keep(started, ServiceProcess.start("cdn-egress", ViewersIT.jar("egress-orchestrator"),
                    E2eEnv.merge(redisEnv, E2eEnv.simulatedEgress(data, "cdnapp:main"))));
            String playlist = "/hls/cdnapp/main/index.m3u8";
            await("the room plays through the CDN").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> ViewersIT.get(cdn.url(playlist)).statusCode() == 200);

            // The origin's own playlist, watched from before anything is measured: the truth staleness is judged against.
            Staleness staleness = new Staleness();
            Thread truth = new Thread(() -> staleness.watchOrigin(origin.url(playlist)), "origin-truth");
            truth.start();

            // The player, in a real browser: the playback API sends it to Varnish.
            assertTrue(ViewersIT.get(config.url("/api/apps/cdnapp/rooms/main/playback")).body().contains(cdn.url(playlist)));
            String page = config.url("/play/cdnapp/main");
            try (Viewers player = new Viewers(page, 1)) {
                await("the player plays through Varnish").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                    JsonArray s = player.latest();
                    return s != null && s.getJsonObject(0).getString("state").equals("playing")
                            && s.getJsonObject(0).getDouble("currentTime") > 2 * TARGET_SECONDS && Viewers.sum(s, "http") > 0;
                });
            }

            long masterBefore = playlistRequests(master);
            AtomicLong polls = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            ExecutorService viewers = Executors.newFixedThreadPool(POLLERS);
            long end = System.nanoTime() + WINDOW.toNanos();
            long windowStart = System.nanoTime();
            for (int i = 0; i < POLLERS; i++) {
                viewers.submit(() -> {
                    sleepMillis(ThreadLocalRandom.current().nextLong(1000)); // viewers poll out of phase
                    while (System.nanoTime() < end) {
                        long t = System.nanoTime();
                        try {
                            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(cdn.url(playlist)))
                                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                            polls.incrementAndGet();
                            if (r.statusCode() == 200) {
                                staleness.seen(newestSegment(r.body()), System.nanoTime());
                            } else {
                                failed.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failed.incrementAndGet();
                        }
                        sleepMillis(1000 - (System.nanoTime() - t) / 1_000_000);
                    }
                });
            }
            viewers.shutdown();
            assertTrue(viewers.awaitTermination(WINDOW.toSeconds() + 30, TimeUnit.SECONDS));
            double seconds = (System.nanoTime() - windowStart) / 1e9;
            long masterFetches = playlistRequests(master) - masterBefore;

            double viewerRate = polls.get() / seconds;
            double masterRate = masterFetches / seconds;
            double expected = 1.0 / Math.max(1, TARGET_SECONDS / 2);
            System.out.printf("Varnish in front of the master, %d viewers polling once a second for %.0f s: %.1f playlist requests/s from"
                    + " viewers, %.2f/s reached the master (%.4f per viewer; one per half target duration is %.2f/s); %d failed"
                    + " polls%n", POLLERS, seconds, viewerRate, masterRate, masterRate / POLLERS, expected, failed.get());
            sleepMillis(2 * TARGET_SECONDS * 1000L); // let the origin list the segments after the last answers
            staleness.stop();
            truth.join(10_000);
            System.out.printf("worst playlist staleness %.2f s (target duration %d s); %d answers named a segment the origin was not"
                    + " seen listing%n", staleness.worstSeconds(), TARGET_SECONDS, staleness.unknown());
            assertTrue(failed.get() == 0, failed + " polls through Varnish failed");
            assertTrue(staleness.unknown() == 0, "answers the origin's playlists cannot date");
            assertTrue(masterRate <= 2 * expected, "the master saw " + masterRate + " playlist requests/s, more than twice " + expected);
            assertTrue(masterRate >= expected / 2, "the master saw only " + masterRate + "/s: Varnish did not revalidate as often as asked");
            assertTrue(staleness.worstSeconds() <= TARGET_SECONDS, "a viewer got a playlist " + staleness.worstSeconds()
                    + " s behind the origin's newest, more than one target duration");
        } finally {
            for (int i = started.size() - 1; i >= 0; i--) {
                started.get(i).close();
            }
            redis.close();
        }
    }

    /**
     * How far behind the origin each viewer's playlist was. The origin is polled every 50 ms to note
     * when each newest segment first appeared in its playlist; an answer whose newest segment is X,
     * seen at t, was {@code t - (first sighting of the segment after X)} stale when the origin
     * already listed a newer one, else 0.
     */
    static final class Staleness {
        private final List<String> newestAtOrigin = new CopyOnWriteArrayList<>();
        private final Map<String, Long> firstSeenAtOrigin = new ConcurrentHashMap<>();
        private final List<Object[]> answers = Collections.synchronizedList(new ArrayList<>());
        private volatile boolean running = true;

        void watchOrigin(String url) {
            while (running) {
                try {
                    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    String newest = r.statusCode() == 200 ? newestSegment(r.body()) : null;
                    if (newest != null && firstSeenAtOrigin.putIfAbsent(newest, System.nanoTime()) == null) {
                        newestAtOrigin.add(newest);
                    }
                } catch (Exception e) {
                    // A missed sample only makes a sighting later, the staleness smaller by at most 50 ms.
                }
                sleepMillis(50);
            }
        }

        void stop() {
            running = false;
        }

        void seen(String newestSegment, long atNanos) {
            answers.add(new Object[] {newestSegment, atNanos});
        }

        /** Answers whose newest segment the origin was never seen listing (they could hide staleness). */
        long unknown() {
            synchronized (answers) {
                return answers.stream().filter(a -> !firstSeenAtOrigin.containsKey((String) a[0])).count();
            }
        }

        double worstSeconds() {
            long worst = 0;
            synchronized (answers) {
                for (Object[] a : answers) {
                    int i = newestAtOrigin.indexOf((String) a[0]);
                    if (i >= 0 && i + 1 < newestAtOrigin.size()) {
                        long newer = firstSeenAtOrigin.get(newestAtOrigin.get(i + 1));
                        worst = Math.max(worst, (long) a[1] - newer);
                    }
                }
            }
            return worst / 1e9;
        }
    }

    /** The last segment a playlist lists. */
    static String newestSegment(String playlist) {
        String newest = null;
        for (String line : playlist.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                newest = line.trim();
            }
        }
        if (newest == null) {
            throw new IllegalStateException("no segment in " + playlist);
        }
        return newest;
    }

    /** The master's count of playlist requests it answered (all statuses). */
    static long playlistRequests(ServiceProcess master) throws Exception {
        return ViewersIT.get(master.url("/q/metrics")).body().lines()
                .filter(l -> l.startsWith("streamhub_router_requests_total{") && l.contains("kind=\"playlist\""))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    static void sleepMillis(long ms) {
        if (ms <= 0) {
            return;
        }
        try {
            TimeUnit.MILLISECONDS.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static <T extends AutoCloseable> T keep(List<AutoCloseable> started, T c) {
        started.add(c);
        return c;
    }
}
