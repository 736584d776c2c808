package io.streamhub.egress.reconcile;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamhub.egress.config.OrchestratorConfig;
import io.streamhub.egress.livekit.LiveKitEgressApi;
import io.streamhub.egress.driver.MediaNodes;
import io.streamhub.shared.HlsLayout;
import io.streamhub.shared.RedisKeys;
import io.streamhub.egress.rooms.AppPlans;
import io.streamhub.redis.state.NodeRecords;
import io.streamhub.egress.rooms.RoomLock;
import io.streamhub.egress.rooms.RoomStore;
import io.streamhub.egress.support.FakeLiveKit;
import io.streamhub.egress.support.FakeLiveKitResource;
import io.streamhub.egress.support.Webhooks;
import io.streamhub.testsupport.LocalRedis;
import io.streamhub.testsupport.RedisTestResource;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import livekit.LivekitEgress.EgressInfo;
import livekit.LivekitEgress.EncodingOptionsPreset;
import livekit.LivekitEgress.SegmentedFileOutput;
import livekit.LivekitEgress.SegmentedFileProtocol;
import livekit.LivekitModels.TrackInfo;
import livekit.LivekitModels.TrackType;
import org.junit.jupiter.api.Test;

/**
 * The orchestrator against an in-process LiveKit speaking Twirp/protobuf (with the SDK's JWTs
 * checked), webhooks signed by the SDK, and a real Redis.
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
@QuarkusTestResource(FakeLiveKitResource.class)
class OrchestratorTest {

    static final Duration WAIT = Duration.ofSeconds(15);

    @Inject
    RedisDataSource redis;

    @Inject
    OrchestratorConfig config;

    @Inject
    RedisKeys keys;

    @Inject
    NodeRecords nodeRecords;

    final FakeLiveKit livekit = FakeLiveKitResource.fake();

    void app(String app, int segmentSeconds, List<String> renditions, String egress) {
        JsonObject cfg = new JsonObject().put("app", app).put("distribution", new JsonObject().put("mode", "cdn")
                .put("hls", new JsonObject().put("segment_seconds", segmentSeconds).put("list_size", 6)
                        .put("renditions", new JsonArray(renditions)).put("egress", egress)));
        redis.value(String.class).set("sh:config:" + app, cfg.encode());
    }

    Map<String, String> state(String app, String room) {
        return redis.hash(String.class).hgetall("sh:room:" + app + ":" + room);
    }

    /** The room's current session, as the orchestrator wrote it. */
    String session(String app, String room) {
        String s = state(app, room).get("session");
        assertTrue(HlsLayout.isSession(s), "a room state names its session: " + s);
        return s;
    }

    static SegmentedFileOutput segments(EgressInfo e) {
        return e.hasRoomComposite() ? e.getRoomComposite().getSegmentOutputs(0) : e.getTrackComposite().getSegmentOutputs(0);
    }

    @Test
    void roomStartStartsOneEgressWithTheAppsSegmentSettings() {
        app("shop", 6, List.of("720p"), "room_composite");
        livekit.addRoom("shop:launch", 1);
        Webhooks.send(Webhooks.roomEvent("room_started", "shop:launch")).then().statusCode(200).body("result", equalTo("accepted"));

        await().atMost(WAIT).until(() -> "live".equals(state("shop", "launch").get("status")));
        List<EgressInfo> started = livekit.startedFor("shop:launch");
        assertEquals(1, started.size());
        SegmentedFileOutput out = segments(started.get(0));
        assertEquals(SegmentedFileProtocol.HLS_PROTOCOL, out.getProtocol());
        assertEquals(6, out.getSegmentDuration());
        String session = session("shop", "launch");
        assertEquals("apps/shop/hls/launch/" + session + "-g1-seg", out.getFilenamePrefix());
        assertEquals("apps/shop/hls/launch/live.m3u8", out.getLivePlaylistName());
        assertEquals("apps/shop/hls/launch/rec-" + session + "-g1.m3u8", out.getPlaylistName(), "each session's recording has its own name");
        assertTrue(!out.hasS3(), "an app that does not push writes to the node's disk");
        assertEquals(EncodingOptionsPreset.H264_720P_30, started.get(0).getRoomComposite().getPreset());
        assertEquals(started.get(0).getEgressId(), state("shop", "launch").get("egressIds"));
        assertEquals("node-a", state("shop", "launch").get("livekitNode"));
        assertEquals("6", state("shop", "launch").get("segmentSeconds"));
        assertTrue(livekit.authFailures().isEmpty(), () -> "the SDK's JWTs verify: " + livekit.authFailures());
    }

    @Test
    void aLiveRoomCostsNoListingOfItsOwnPerPass() {
        app("steady", 6, List.of("360p", "720p"), "room_composite");
        livekit.addRoom("steady:hall", 1);
        Webhooks.send(Webhooks.roomEvent("room_started", "steady:hall")).then().statusCode(200);
        await().atMost(WAIT).until(() -> "live".equals(state("steady", "hall").get("status")));

        // Passes keep confirming the room from the one node-wide listing; the room's own listing
        // (taken under its lock before acting) is not repeated while nothing needs doing.
        int own = livekit.listEgressCalls("steady:hall");
        int nodeWide = livekit.listEgressCalls("");
        String updated = state("steady", "hall").get("updatedAt");
        await().atMost(WAIT).until(() -> livekit.listEgressCalls("") >= nodeWide + 3
                && !updated.equals(state("steady", "hall").get("updatedAt")));
        assertEquals(own, livekit.listEgressCalls("steady:hall"));
        assertEquals("live", state("steady", "hall").get("status"));
        assertEquals(2, livekit.active("steady:hall").size());

        // When something is wrong, the room is looked at properly: a failed egress is replaced.
        String failed = livekit.active("steady:hall").get(0).getEgressId();
        livekit.fail(failed, "encoder crashed");
        await().atMost(WAIT).until(() -> livekit.active("steady:hall").size() == 2
                && livekit.active("steady:hall").stream().noneMatch(e -> e.getEgressId().equals(failed)));
        assertTrue(livekit.listEgressCalls("steady:hall") > own);
    }

    @Test
    void severalRenditionsGetOneEgressEachInTheirOwnFolder() {
        app("ladder", 4, List.of("360p", "1080p"), "room_composite");
        livekit.addRoom("ladder:gala", 1);
        Webhooks.send(Webhooks.roomEvent("room_started", "ladder:gala")).then().statusCode(200);

        await().atMost(WAIT).until(() -> livekit.startedFor("ladder:gala").size() == 2);
        Map<String, EgressInfo> byPrefix = new java.util.HashMap<>();
        livekit.startedFor("ladder:gala").forEach(e -> byPrefix.put(segments(e).getFilenamePrefix(), e));
        String session = session("ladder", "gala");
        EgressInfo low = byPrefix.get("apps/ladder/hls/gala/360p/" + session + "-g1-seg");
        EgressInfo high = byPrefix.get("apps/ladder/hls/gala/1080p/" + session + "-g1-seg");
        assertEquals(640, low.getRoomComposite().getAdvanced().getWidth(), "360p has no LiveKit preset: explicit options");
        assertEquals(4.0, low.getRoomComposite().getAdvanced().getKeyFrameInterval(), "a keyframe per segment");
        assertEquals(EncodingOptionsPreset.H264_1080P_30, high.getRoomComposite().getPreset());
        assertEquals("apps/ladder/hls/gala/360p/live.m3u8", segments(low).getLivePlaylistName());
        assertEquals(4, segments(high).getSegmentDuration());
    }

    @Test
    void anAudioRenditionAsksLiveKitForAudioOnly() {
        app("radio", 6, List.of("audio"), "room_composite");
        livekit.addRoom("radio:fm", 1);
        Webhooks.send(Webhooks.roomEvent("room_started", "radio:fm")).then().statusCode(200);
        await().atMost(WAIT).until(() -> livekit.startedFor("radio:fm").size() == 1);
        var request = livekit.startedFor("radio:fm").get(0).getRoomComposite();
        assertTrue(request.getAudioOnly(), "room composite with audio_only");
        assertEquals(128, request.getAdvanced().getAudioBitrate());
        assertEquals(0, request.getAdvanced().getWidth(), "no video encoding asked for");

        // Track composite: only an audio track is waited for, and no video track is named.
        app("radio2", 6, List.of("audio"), "track_composite");
        livekit.addRoom("radio2:fm", 1);
        Webhooks.send(Webhooks.roomEvent("room_started", "radio2:fm")).then().statusCode(200);
        Webhooks.send(Webhooks.trackEvent("radio2:fm", TrackInfo.newBuilder().setSid("TR_voice").setType(TrackType.AUDIO).build()));
        await().atMost(WAIT).until(() -> livekit.startedFor("radio2:fm").size() == 1);
        var tracks = livekit.startedFor("radio2:fm").get(0).getTrackComposite();
        assertEquals("TR_voice", tracks.getAudioTrackId());
        assertEquals("", tracks.getVideoTrackId());
    }

    @Test
    void trackCompositeWaitsForTracksThenUsesThem() {
        app("tracks", 2, List.of("720p"), "track_composite");
        livekit.addRoom("tracks:solo", 1);
        Webhooks.send(Webhooks.roomEvent("room_started", "tracks:solo")).then().statusCode(200);
        Webhooks.send(Webhooks.trackEvent("tracks:solo", TrackInfo.newBuilder().setSid("TR_audio").setType(TrackType.AUDIO).build()));
        Webhooks.send(Webhooks.trackEvent("tracks:solo", TrackInfo.newBuilder().setSid("TR_video").setType(TrackType.VIDEO).build()));
        await().atMost(WAIT).until(() -> livekit.startedFor("tracks:solo").size() == 1);
        EgressInfo e = livekit.startedFor("tracks:solo").get(0);
        assertEquals("TR_audio", e.getTrackComposite().getAudioTrackId());
        assertEquals("TR_video", e.getTrackComposite().getVideoTrackId());
    }

    @Test
    void twoReplicasAndRepeatedWebhooksNeverStartASecondEgress() throws Exception {
        app("dup", 6, List.of("720p"), "room_composite");
        livekit.addRoom("dup:final", 1);
        FleetPass replica = secondReplica().fleet();
        var event = Webhooks.roomEvent("room_started", "dup:final");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            for (int i = 0; i < 10; i++) {
                pool.execute(() -> Webhooks.send(event));                                           // a retried delivery
                pool.execute(() -> Webhooks.send(Webhooks.roomEvent("room_started", "dup:final"))); // or a re-sent one
                pool.execute(replica::reconcileAll);                                                // the other replica's pass
            }
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }
        await().atMost(WAIT).until(() -> "live".equals(state("dup", "final").get("status")));
        // Keep both replicas reconciling a while longer: still exactly one.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> {
            replica.reconcileAll();
            return livekit.active("dup:final").size() == 1;
        });
        assertEquals(1, livekit.startedFor("dup:final").size());
        Webhooks.send(event).then().statusCode(200).body("result", equalTo("duplicate"));
    }

    @Test
    void aRoomStateLostWithRedisIsReadoptedAndALaterRestartStillTakesNewNames() {
        app("lost", 6, List.of("720p"), "room_composite");
        livekit.addRoom("lost:hall", 1);
        Webhooks.send(Webhooks.roomEvent("room_started", "lost:hall"));
        await().atMost(WAIT).until(() -> "live".equals(state("lost", "hall").get("status")));
        EgressInfo first = livekit.startedFor("lost:hall").get(0);
        String session = session("lost", "hall");
        assertEquals("apps/lost/hls/hall/" + session + "-g1-seg", segments(first).getFilenamePrefix());

        redis.key().del("sh:room:lost:hall"); // Redis lost it; the egress runs on in LiveKit
        await().atMost(WAIT).until(() -> first.getEgressId().equals(state("lost", "hall").get("egressIds"))
                && "live".equals(state("lost", "hall").get("status")));
        assertEquals(1, livekit.startedFor("lost:hall").size(), "re-adopted, not started again");
        assertEquals(session, session("lost", "hall"), "the live goes on under the session its egress writes");

        EgressInfo failed = livekit.fail(first.getEgressId(), "pipeline crashed");
        Webhooks.send(Webhooks.egressEvent("egress_ended", failed)).then().statusCode(200);
        await().atMost(WAIT).until(() -> livekit.startedFor("lost:hall").size() == 2);
        assertEquals("apps/lost/hls/hall/" + session + "-g2-seg", segments(livekit.startedFor("lost:hall").get(1)).getFilenamePrefix(),
                "the generation the adopted egress wrote is never reused");
        livekit.removeRoom("lost:hall");
    }

    @Test
    void aFailedEgressIsRestartedWithNewSegmentNames() {
        app("flaky", 6, List.of("720p"), "room_composite");
        livekit.addRoom("flaky:show", 1);
        Webhooks.send(Webhooks.roomEvent("room_started", "flaky:show"));
        await().atMost(WAIT).until(() -> livekit.startedFor("flaky:show").size() == 1);
        EgressInfo first = livekit.startedFor("flaky:show").get(0);

        EgressInfo failed = livekit.fail(first.getEgressId(), "pipeline crashed");
        Webhooks.send(Webhooks.egressEvent("egress_ended", failed)).then().statusCode(200);

        await().atMost(WAIT).until(() -> livekit.startedFor("flaky:show").size() == 2);
        assertEquals("apps/flaky/hls/show/" + session("flaky", "show") + "-g2-seg", segments(livekit.startedFor("flaky:show").get(1)).getFilenamePrefix(),
                "a restarted egress must not overwrite segment names a CDN may have cached");
        await().atMost(WAIT).until(() -> "live".equals(state("flaky", "show").get("status")));
        assertTrue(state("flaky", "show").get("lastError").contains("pipeline crashed"));
        assertEquals(1, livekit.active("flaky:show").size());
    }

    @Test
    void startFailuresBackOffAndRecover() {
        app("retry", 6, List.of("720p"), "room_composite");
        livekit.addRoom("retry:talk", 1);
        livekit.failNextStarts(2);
        Webhooks.send(Webhooks.roomEvent("room_started", "retry:talk"));
        await().atMost(WAIT).until(() -> "live".equals(state("retry", "talk").get("status")));
        assertEquals(1, livekit.startedFor("retry:talk").size());
        assertEquals("0", state("retry", "talk").get("attempts"));
        assertTrue(state("retry", "talk").get("lastError").contains("no egress instance available"));
    }

    @Test
    void aFailedRoomIsTriedAgainOnTheLongBackoffWithoutAnOperator() {
        app("outage", 6, List.of("720p"), "room_composite");
        livekit.addRoom("outage:night", 1);
        livekit.failNextStarts(3); // max-attempts 3 in tests: the room is marked failed
        Webhooks.send(Webhooks.roomEvent("room_started", "outage:night"));
        await().atMost(WAIT).until(() -> "failed".equals(state("outage", "night").get("status")));
        assertTrue(livekit.startedFor("outage:night").isEmpty());
        // LiveKit is back; failed-retry-initial is 1 s in tests (5 min by default).
        await().atMost(WAIT).until(() -> "live".equals(state("outage", "night").get("status")));
        assertEquals(1, livekit.active("outage:night").size());
        livekit.removeRoom("outage:night");
    }

    @Test
    void aStartSlowerThanTheLockLivesKeepsTheLockAndStartsNoDuplicate() {
        app("slow", 6, List.of("720p"), "room_composite");
        livekit.addRoom("slow:call", 1);
        livekit.slowNextStart(Duration.ofSeconds(8)); // lock-ttl is 5 s in tests; passes run every 400 ms
        Webhooks.send(Webhooks.roomEvent("room_started", "slow:call"));
        await().atMost(Duration.ofSeconds(20)).until(() -> "live".equals(state("slow", "call").get("status")));
        // Passes kept running meanwhile; with the lock renewed none of them started a second egress.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> livekit.startedFor("slow:call").size() == 1);
        assertTrue(given().get("/q/metrics").asString().lines().anyMatch(l -> l.startsWith("streamhub_egress_lock_renewals_total") && !l.endsWith(" 0.0")),
                "the lock was renewed during the slow call");
        livekit.removeRoom("slow:call");
    }

    @Test
    void roomEndStopsItsEgressAndPublishesRoomEnded() {
        app("ending", 6, List.of("720p"), "room_composite");
        livekit.addRoom("ending:match", 1);
        Webhooks.send(Webhooks.roomEvent("room_started", "ending:match"));
        await().atMost(WAIT).until(() -> livekit.active("ending:match").size() == 1);

        java.util.List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        var subscriber = redis.pubsub(String.class).subscribe("sh:events", events::add);
        livekit.removeRoom("ending:match");
        Webhooks.send(Webhooks.roomEvent("room_finished", "ending:match")).then().statusCode(200);
        await().atMost(WAIT).until(() -> events.stream().anyMatch(e -> e.contains("\"room.ended\"") && e.contains("\"match\"")));
        subscriber.unsubscribe();
        await().atMost(WAIT).until(() -> livekit.active("ending:match").isEmpty());
        await().atMost(WAIT).until(() -> "ended".equals(state("ending", "match").get("status")));
        assertTrue(redis.key().ttl("sh:room:ending:match") > 0, "an ended room's state expires");
    }

    @Test
    void theNextLiveOfAReusedRoomIsANewSessionWithItsOwnNames() {
        app("reused", 6, List.of("720p"), "room_composite");
        livekit.addRoom("reused:daily", 1);
        Webhooks.send(Webhooks.roomEvent("room_started", "reused:daily"));
        await().atMost(WAIT).until(() -> "live".equals(state("reused", "daily").get("status")));
        String today = session("reused", "daily");
        livekit.removeRoom("reused:daily");
        Webhooks.send(Webhooks.roomEvent("room_finished", "reused:daily")).then().statusCode(200);
        await().atMost(WAIT).until(() -> "ended".equals(state("reused", "daily").get("status")));
        assertEquals(today, session("reused", "daily"), "an ended room keeps naming the session that ended");

        livekit.addRoom("reused:daily", 1);
        Webhooks.send(Webhooks.roomEvent("room_started", "reused:daily"));
        await().atMost(WAIT).until(() -> livekit.startedFor("reused:daily").size() == 2 && "live".equals(state("reused", "daily").get("status")));
        String tomorrow = session("reused", "daily");
        assertTrue(tomorrow.compareTo(today) > 0, "a new session, later than the last: " + today + " then " + tomorrow);
        SegmentedFileOutput out = segments(livekit.startedFor("reused:daily").get(1));
        assertEquals("apps/reused/hls/daily/" + tomorrow + "-g1-seg", out.getFilenamePrefix(), "no segment name of yesterday's is reused");
        assertEquals("apps/reused/hls/daily/rec-" + tomorrow + "-g1.m3u8", out.getPlaylistName(), "yesterday's recording is not overwritten");
        livekit.removeRoom("reused:daily");
    }

    @Test
    void aPushedAppsEgressUploadsToItsBucketWithTheSecretsKey() throws Exception {
        java.nio.file.Path secret = java.nio.file.Path.of(config.push().credentialsDir(), "s3-pushed");
        java.nio.file.Files.createDirectories(secret);
        java.nio.file.Files.writeString(secret.resolve("access_key_id"), "AKIDEXAMPLE\n");
        java.nio.file.Files.writeString(secret.resolve("secret_access_key"), "wJalrXUtnFEMI\n");
        JsonObject cfg = new JsonObject().put("app", "pushed").put("distribution", new JsonObject().put("mode", "cdn")
                .put("push", new JsonObject().put("s3", new JsonObject().put("bucket", "live-hls").put("region", "eu-central-1")
                        .put("endpoint", "http://127.0.0.1:9").put("prefix", "pushed/").put("public_base_url", "https://cdn.example.com/pushed")
                        .put("credentials_secret", "s3-pushed"))));
        redis.value(String.class).set("sh:config:pushed", cfg.encode());
        livekit.addRoom("pushed:radio", 1);
        Webhooks.send(Webhooks.roomEvent("room_started", "pushed:radio"));
        await().atMost(WAIT).until(() -> "live".equals(state("pushed", "radio").get("status")));
        SegmentedFileOutput out = segments(livekit.startedFor("pushed:radio").get(0));
        String session = session("pushed", "radio");
        assertEquals("pushed/radio/" + session + "-g1-seg", out.getFilenamePrefix(), "keys under the app's prefix, not the data dir");
        assertEquals("pushed/radio/live.m3u8", out.getLivePlaylistName());
        assertEquals("pushed/radio/rec-" + session + "-g1.m3u8", out.getPlaylistName());
        assertEquals("live-hls", out.getS3().getBucket());
        assertEquals("eu-central-1", out.getS3().getRegion());
        assertEquals("http://127.0.0.1:9", out.getS3().getEndpoint());
        assertTrue(out.getS3().getForcePathStyle(), "an S3-compatible endpoint is addressed by path");
        assertEquals("AKIDEXAMPLE", out.getS3().getAccessKey(), "the Secret's key, stripped of the newline a file keeps");
        assertEquals("wJalrXUtnFEMI", out.getS3().getSecret());
        livekit.removeRoom("pushed:radio");
    }

    @Test
    void aPushedAppWhoseSecretIsNotMountedFailsWithWhyAndStartsNothing() {
        for (String secret : new String[] {"s3-absent", "../../etc"}) {
            String app = secret.startsWith(".") ? "climb" : "absent";
            JsonObject cfg = new JsonObject().put("app", app).put("distribution", new JsonObject().put("mode", "cdn")
                    .put("push", new JsonObject().put("s3", new JsonObject().put("bucket", "b").put("public_base_url", "https://cdn.example.com")
                            .put("credentials_secret", secret))));
            redis.value(String.class).set("sh:config:" + app, cfg.encode());
            livekit.addRoom(app + ":room", 1);
            Webhooks.send(Webhooks.roomEvent("room_started", app + ":room"));
            await().atMost(WAIT).until(() -> state(app, "room").getOrDefault("lastError", "").contains("push:"));
            String error = state(app, "room").get("lastError");
            assertTrue(secret.startsWith(".") ? error.contains("is not a Secret name") : error.contains("orchestrator.push.secrets"), error);
            assertTrue(livekit.startedFor(app + ":room").isEmpty(), "no egress without the bucket's key");
            livekit.removeRoom(app + ":room");
        }
    }

    @Test
    void roomsWhoseWebhooksWereLostAreFoundByTheReconcileLoop() {
        app("missed", 6, List.of("720p"), "room_composite");
        livekit.addRoom("missed:quiet", 1);
        await().atMost(WAIT).until(() -> livekit.active("missed:quiet").size() == 1);
        livekit.removeRoom("missed:quiet"); // and room_finished never arrives either
        await().atMost(WAIT).until(() -> livekit.active("missed:quiet").isEmpty() && "ended".equals(state("missed", "quiet").get("status")));
    }

    @Test
    void anOrchestratorThatDiedMidStartIsFinishedByTheNextOneWithoutASecondEgress() {
        app("crash", 6, List.of("720p"), "room_composite");
        livekit.addRoom("crash:live", 1);
        // The first instance wrote 'starting' and asked LiveKit, then died before recording the id.
        redis.hash(String.class).hset("sh:room:crash:live", Map.of("app", "crash", "room", "live", "livekitNode", "node-a",
                "status", "starting", "egressIds", "", "generation", "1"));
        RoomReconciler first = secondReplica().rooms();
        first.ensure(new io.streamhub.shared.RoomId("crash", "live"), (current, now) -> current);
        // (ensure above is the dead instance finishing its start call: one egress exists)
        assertEquals(1, livekit.startedFor("crash:live").size());
        redis.hash(String.class).hset("sh:room:crash:live", Map.of("status", "starting", "egressIds", ""));

        await().atMost(WAIT).until(() -> livekit.startedFor("crash:live").get(0).getEgressId().equals(state("crash", "live").get("egressIds"))
                && "live".equals(state("crash", "live").get("status")));
        assertEquals(1, livekit.startedFor("crash:live").size(), "the running egress was adopted, not duplicated");
    }

    @Test
    void aRoomWhoseNodeVanishedIsFoundOnItsNewNodeAndRestartedThere() {
        app("moved", 6, List.of("720p"), "room_composite");
        livekit.addRoom("moved:hall", 1);
        // State says the room lives on a node that no longer exists (its LiveKit died; the room moved).
        redis.hash(String.class).hset("sh:room:moved:hall", Map.of("app", "moved", "room", "hall", "livekitNode", "node-gone",
                "status", "live", "egressIds", "EG_lost", "generation", "3"));
        await().atMost(WAIT).until(() -> "node-a".equals(state("moved", "hall").get("livekitNode"))
                && "live".equals(state("moved", "hall").get("status")));
        assertEquals(1, livekit.startedFor("moved:hall").size());
        assertEquals("apps/moved/hls/hall/" + session("moved", "hall") + "-g4-seg", segments(livekit.startedFor("moved:hall").get(0)).getFilenamePrefix(),
                "a state written before sessions gets one, and its generation goes on");
    }

    @Test
    void appsRemovedFromConfigLoseTheirEgress() {
        app("gone", 6, List.of("720p"), "room_composite");
        livekit.addRoom("gone:stage", 1);
        Webhooks.send(Webhooks.roomEvent("room_started", "gone:stage"));
        await().atMost(WAIT).until(() -> livekit.active("gone:stage").size() == 1);
        redis.key().del("sh:config:gone");
        redis.value(String.class).set("sh:apps", "{\"revision\":\"test\",\"apps\":[]}"); // removed, as config-service removes it
        await().atMost(WAIT).until(() -> livekit.active("gone:stage").isEmpty());
        // The egress is stopped first, the room state written next: wait for it.
        await().atMost(WAIT).until(() -> String.valueOf(state("gone", "stage").get("lastError")).contains("no config"));
        livekit.removeRoom("gone:stage");
    }

    @Test
    void aConfigLostWithRedissDataIsNotARemovalAndTheEgressKeepsRunning() {
        app("kept", 6, List.of("720p"), "room_composite");
        livekit.addRoom("kept:show", 1);
        Webhooks.send(Webhooks.roomEvent("room_started", "kept:show"));
        await().atMost(WAIT).until(() -> "live".equals(state("kept", "show").get("status")));
        String egressId = state("kept", "show").get("egressIds");
        // Lost, not removed: the key and the app index are both gone (a Redis restart without persistence).
        redis.key().del("sh:config:kept", "sh:apps");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                .until(() -> livekit.active("kept:show").size() == 1 && egressId.equals(state("kept", "show").get("egressIds")));
        livekit.removeRoom("kept:show");
    }

    @Test
    void aConfigInANewerWireFormatIsNeverTakenForNoConfig() {
        app("upgrading", 6, List.of("720p"), "room_composite");
        livekit.addRoom("upgrading:show", 1);
        Webhooks.send(Webhooks.roomEvent("room_started", "upgrading:show"));
        await().atMost(WAIT).until(() -> "live".equals(state("upgrading", "show").get("status")));
        String egressId = state("upgrading", "show").get("egressIds");

        // config-service was upgraded first and writes a format this orchestrator does not know.
        String newer = "{\"schema_version\":2,\"app\":\"upgrading\",\"distribution\":{\"mode\":\"cdn\",\"ladder\":[\"720p\"]}}";
        redis.value(String.class).set("sh:config:upgrading", newer);
        redis.value(String.class).set("sh:config:newcomer", newer.replace("upgrading", "newcomer"));
        livekit.addRoom("newcomer:show", 1);
        // Several reconcile passes later: the live room keeps its one egress, the newcomer is neither started nor ended.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() ->
                livekit.active("upgrading:show").size() == 1 && "live".equals(state("upgrading", "show").get("status"))
                        && egressId.equals(state("upgrading", "show").get("egressIds"))
                        && livekit.startedFor("newcomer:show").isEmpty() && state("newcomer", "show").isEmpty());
        assertEquals(1, livekit.startedFor("upgrading:show").size(), "no egress was stopped and restarted");
        livekit.removeRoom("upgrading:show");
        livekit.removeRoom("newcomer:show");
    }

    @Test
    void forgedUnsignedReplayedAndExpiredWebhooksAreRefusedAndChangeNothing() {
        app("guarded", 6, List.of("720p"), "room_composite");
        String body = Webhooks.json(Webhooks.roomEvent("room_started", "guarded:vault"));
        String otherBody = Webhooks.json(Webhooks.roomEvent("room_started", "guarded:other"));

        Webhooks.post(body, null).then().statusCode(401).body("error", containsString("missing Authorization"));
        Webhooks.post(body, Webhooks.sign(body, FakeLiveKit.KEY, "not-the-secret-but-long-enough-0123456789")).then().statusCode(401);
        Webhooks.post(body, Webhooks.sign(body, "APIunknown", FakeLiveKit.SECRET)).then().statusCode(401).body("error", containsString("unknown API key"));
        Webhooks.post(otherBody, Webhooks.sign(body, FakeLiveKit.KEY, FakeLiveKit.SECRET)).then().statusCode(401);
        Webhooks.post(body, "not a jwt").then().statusCode(401);
        String expired = JWT.create().withIssuer(FakeLiveKit.KEY).withClaim("sha256", Webhooks.sha256(body))
                .withExpiresAt(Date.from(Instant.now().minusSeconds(60))).sign(Algorithm.HMAC256(FakeLiveKit.SECRET));
        Webhooks.post(body, expired).then().statusCode(401);

        assertTrue(state("guarded", "vault").isEmpty(), "nothing recorded");
        assertTrue(state("guarded", "other").isEmpty(), "nothing recorded");
        assertTrue(livekit.startedFor("guarded:vault").isEmpty());
        given().get("/q/metrics").then().body(containsString("streamhub_egress_webhooks_total{outcome=\"rejected\"}"));
    }

    @Test
    void adminApiListsRoomsAndForcesRestartAndStop() {
        app("admin", 6, List.of("720p"), "room_composite");
        livekit.addRoom("admin:desk", 1);
        Webhooks.send(Webhooks.roomEvent("room_started", "admin:desk"));
        await().atMost(WAIT).until(() -> livekit.active("admin:desk").size() == 1);

        given().get("/api/rooms").then().statusCode(401);
        given().header("Authorization", "Bearer wrong").get("/api/rooms").then().statusCode(401);
        String auth = "Bearer test-admin-token";
        given().header("Authorization", auth).get("/api/rooms").then().statusCode(200).body(containsString("\"room\":\"desk\""));
        given().header("Authorization", auth).post("/api/rooms/admin/nope/restart").then().statusCode(404);
        given().header("Authorization", auth).post("/api/rooms/bad$app/desk/restart").then().statusCode(400);

        String firstId = livekit.startedFor("admin:desk").get(0).getEgressId();
        given().header("Authorization", auth).post("/api/rooms/admin/desk/restart").then().statusCode(200);
        await().atMost(WAIT).until(() -> livekit.startedFor("admin:desk").size() == 2 && livekit.active("admin:desk").size() == 1
                && !livekit.active("admin:desk").get(0).getEgressId().equals(firstId));

        given().header("Authorization", auth).post("/api/rooms/admin/desk/stop").then().statusCode(200).body("status", equalTo("ended"));
        assertTrue(livekit.active("admin:desk").isEmpty());
        livekit.removeRoom("admin:desk");
    }

    @Test
    void anOperatorsOrderWaitsForABusyRoomAndConflictsOnlyWhenItStaysBusy() throws Exception {
        app("queued", 6, List.of("720p"), "room_composite");
        livekit.addRoom("queued:desk", 1);
        Webhooks.send(Webhooks.roomEvent("room_started", "queued:desk"));
        await().atMost(WAIT).until(() -> "live".equals(state("queued", "desk").get("status")));
        String auth = "Bearer test-admin-token";
        String lockKey = "sh:lock:egress:queued:desk";

        // Another step holds the room briefly (as a pass or a webhook does): the order queues behind it.
        redis.value(String.class).set(lockKey, "someone-else");
        ExecutorService releaser = Executors.newSingleThreadExecutor();
        try {
            releaser.submit(() -> {
                TimeUnit.MILLISECONDS.sleep(600);
                redis.key(String.class).del(lockKey);
                return null;
            });
            given().header("Authorization", auth).post("/api/rooms/queued/desk/stop").then().statusCode(200).body("status", equalTo("ended"));
        } finally {
            releaser.shutdownNow();
        }
        assertTrue(livekit.active("queued:desk").isEmpty());

        // A holder that never lets go (past admin-lock-wait) is a conflict, and nothing changes.
        redis.value(String.class).set(lockKey, "stuck");
        String before = state("queued", "desk").get("updatedAt");
        given().header("Authorization", auth).post("/api/rooms/queued/desk/restart").then().statusCode(409)
                .body("error", containsString("being changed"));
        assertEquals("ended", state("queued", "desk").get("status"));
        assertEquals(before, state("queued", "desk").get("updatedAt"));
        assertEquals("stuck", redis.value(String.class).get(lockKey), "another holder's lock is never taken or released");
        redis.key(String.class).del(lockKey);
        livekit.removeRoom("queued:desk");
    }

    @Test
    void readinessReportsRedisAndLiveKitPerNode() {
        await().atMost(WAIT).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200)
                .body("checks[0].data.redis", equalTo("up"))
                .body("checks[0].data.'livekit.node-a'", equalTo("reachable")));
    }

    @Test
    void aFrozenRedisFailsTheRoomScanWithinTheTimeoutInsteadOfHangingThePass() throws Exception {
        LocalRedis server = RedisTestResource.redis();
        assumeTrue(server.canRestart(), "REDIS_URL points at a server this test may not freeze");
        RoomStore store = new RoomStore(redis, keys, config);
        store.all();
        server.pause();
        try {
            long start = System.nanoTime();
            // quarkus.redis.timeout is 3 s; the unbounded iterator this replaced waited until the process was killed.
            assertThrows(RuntimeException.class, () -> assertTimeoutPreemptively(Duration.ofSeconds(8), store::all));
            assertTrue(System.nanoTime() - start >= 2_000_000_000L, "it did wait for Redis, up to the timeout");
        } finally {
            server.resume();
        }
        await().atMost(WAIT).ignoreExceptions().until(() -> store.all() != null);
    }

    /** Another orchestrator replica: same Redis, same LiveKit, its own objects. */
    record Replica(RoomReconciler rooms, FleetPass fleet) {
    }

    Replica secondReplica() {
        RoomStore store = new RoomStore(redis, keys, config);
        AppPlans plans = new AppPlans(redis, keys);
        MediaNodes nodes = new MediaNodes(config, nodeRecords);
        LiveKitEgressApi api = new LiveKitEgressApi(Duration.ofSeconds(5));
        EgressMetrics metrics = new EgressMetrics(new SimpleMeterRegistry());
        RoomReconciler rooms = new RoomReconciler(store, new RoomLock(redis, keys, config), plans, nodes, api, metrics, config, new io.streamhub.egress.push.PushCredentials(config));
        return new Replica(rooms, new FleetPass(rooms, store, plans, nodes, api, metrics, config));
    }
}
