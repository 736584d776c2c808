package io.streamhub.egress.reconcile;

import io.streamhub.egress.config.OrchestratorConfig;
import io.streamhub.egress.driver.EgressApi;
import io.streamhub.egress.driver.EgressApiException;
import io.streamhub.egress.driver.EgressSnapshot;
import io.streamhub.egress.driver.MediaNode;
import io.streamhub.egress.driver.MediaNodes;
import io.streamhub.egress.driver.S3Upload;
import io.streamhub.egress.push.PushCredentials;
import io.streamhub.egress.rooms.AppPlans;
import io.streamhub.egress.rooms.EgressPlan;
import io.streamhub.egress.rooms.RoomLock;
import io.streamhub.egress.rooms.RoomState;
import io.streamhub.egress.rooms.RoomStatus;
import io.streamhub.egress.rooms.RoomStore;
import io.streamhub.shared.HlsLayout;
import io.streamhub.shared.RoomId;
import io.streamhub.shared.StreamEvent;
import io.streamhub.shared.app.AppConfigUnavailableException;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Brings one room's egress to what its state and its app's config ask for, under the room's lock,
 * with LiveKit's {@code listEgress} as the truth about what runs. Every entry point (webhook,
 * {@link FleetPass}, admin action) goes through {@link #ensure}, so a retried webhook, a second
 * replica or a restart converge on the same single egress per rendition instead of adding one.
 */
@Singleton
public class RoomReconciler {

    private static final Logger LOG = Logger.getLogger(RoomReconciler.class);

    private final RoomStore store;
    private final RoomLock lock;
    private final AppPlans plans;
    private final MediaNodes nodes;
    private final EgressApi api;
    private final EgressMetrics metrics;
    private final OrchestratorConfig config;
    private final PushCredentials credentials;
    /** Renews the locks of steps still running; one daemon thread, each renewal is one short Redis call. */
    private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(r -> ReconcileLoop.daemon(r, "egress-lock-renewal"));

    public RoomReconciler(RoomStore store, RoomLock lock, AppPlans plans, MediaNodes nodes, EgressApi api,
                          EgressMetrics metrics, OrchestratorConfig config, PushCredentials credentials) {
        this.store = store;
        this.lock = lock;
        this.plans = plans;
        this.nodes = nodes;
        this.api = api;
        this.metrics = metrics;
        this.config = config;
        this.credentials = credentials;
    }

    /** What a room step should apply before converging (a webhook's news, an operator's order). */
    public interface Change {
        /** Returns the state to converge from; {@code current} is null for a room never seen. */
        RoomState apply(RoomState current, long now);
    }

    /** Applies {@code change} and converges the room, if no other replica holds it. False if it was busy. */
    public boolean ensure(RoomId room, Change change) {
        return ensure(room, change, NodeListing.NONE, Duration.ZERO);
    }

    /** As {@link #ensure(RoomId, Change)}; {@code listing} is the pass's view of the node, {@code wait} how long to wait for the lock. */
    boolean ensure(RoomId room, Change change, NodeListing listing, Duration wait) {
        String token = wait.isZero() ? lock.tryLock(room) : lock.lock(room, wait);
        if (token == null) {
            metrics.lockBusy();
            return false;
        }
        // A LiveKit call can take longer than the lock lives: keep it ours while the step runs. LiveKit's
        // start takes no fencing token, so a duplicate that slips through a pause longer than the TTL
        // is found by the next pass's fresh listing (Lineup.extras) and stopped.
        ScheduledFuture<?> renewal = renewer.scheduleAtFixedRate(() -> {
            try {
                if (lock.renew(room, token)) {
                    metrics.lockRenewed();
                } else {
                    LOG.warnf("room %s: the lock expired during a step; another replica may act on the room", room);
                }
            } catch (RuntimeException e) {
                LOG.debugf("room %s: lock renewal failed: %s", room, e.toString());
            }
        }, lock.renewEvery().toMillis(), lock.renewEvery().toMillis(), TimeUnit.MILLISECONDS);
        try {
            long now = System.currentTimeMillis();
            RoomState state = change.apply(store.get(room), now);
            if (state != null) {
                converge(state, now, listing);
            }
            return true;
        } catch (AppConfigUnavailableException e) {
            // AppPlans said why; the room is left as it is until its config can be read.
            return true;
        } catch (RuntimeException e) {
            LOG.warnf(e, "room %s: reconcile step failed", room);
            return true;
        } finally {
            renewal.cancel(false);
            lock.release(room, token);
        }
    }

    /** Operator's restart: stop what runs, forget failures, start afresh (new segment names). */
    public boolean forceRestart(RoomId room) {
        return ensure(room, (current, now) -> {
            if (current == null) {
                return null;
            }
            nodes.get(current.livekitNode()).ifPresent(n -> stopAll(n, room.livekitRoomName(config.roomNameSeparator())));
            return current.with(RoomStatus.STARTING, now).resetAttempts(now);
        }, NodeListing.NONE, config.adminLockWait());
    }

    /** Operator's stop: the room's egress ends and stays ended until LiveKit starts the room again. */
    public boolean forceStop(RoomId room) {
        return ensure(room, (current, now) -> current == null ? null : current.with(RoomStatus.ENDED, now), NodeListing.NONE,
                config.adminLockWait());
    }

    private void converge(RoomState s, long now, NodeListing listing) {
        RoomId room = s.room();
        String roomName = room.livekitRoomName(config.roomNameSeparator());
        Optional<EgressPlan> plan = plans.plan(room.app());
        Optional<MediaNode> node = nodes.get(s.livekitNode());

        if (s.status() == RoomStatus.ENDED) {
            node.ifPresent(n -> stopAll(n, roomName));
            RoomState before = store.get(room);
            store.put(s.withEgress(List.of(), s.segmentSeconds(), now));
            if (before != null && before.status() != RoomStatus.ENDED) {
                store.publish(StreamEvent.ROOM_ENDED, room, s.livekitNode());
            }
            return;
        }
        if (plan.isEmpty()) {
            node.ifPresent(n -> stopAll(n, roomName));
            end(s, "app has no config", now);
            return;
        }
        if (node.isEmpty()) {
            Optional<MediaNode> elsewhere = locate(roomName);
            if (elsewhere.isEmpty()) {
                end(s, "media node " + s.livekitNode() + " is gone and no node has the room", now);
                return;
            }
            LOG.infof("room %s: media node %s is gone, the room is on %s now", room, s.livekitNode(), elsewhere.get().id());
            s = s.withNode(elsewhere.get().id(), now).with(RoomStatus.STARTING, now);
            node = elsewhere;
        }
        if (s.status() == RoomStatus.WAITING || (s.status() == RoomStatus.FAILED && now < s.nextAttemptAt())) {
            store.put(s);
            return;
        }

        EgressPlan p = plan.get();
        // The pass's one listing per node confirms a live room that needs nothing. It is never used
        // to act: anything else is decided on a fresh listing taken under the lock.
        Optional<List<EgressSnapshot>> listed = listing.of(s.livekitNode(), roomName);
        if (s.status() == RoomStatus.LIVE && listed.isPresent()) {
            Lineup seen = Lineup.of(room, p, listed.get());
            if (seen.extras().isEmpty() && seen.missing().isEmpty() && seen.allProducing() && seen.ids().equals(s.egressIds())) {
                store.put(s.withEgress(seen.ids(), p.hls().segmentSeconds(), now).with(RoomStatus.LIVE, now));
                return;
            }
        }
        List<EgressSnapshot> active;
        try {
            active = api.listActive(node.get(), roomName);
        } catch (EgressApiException e) {
            // LiveKit is the truth; without it nothing is started (that could make a second egress).
            store.put(s.failedAttempt(e.getMessage(), s.nextAttemptAt(), now));
            return;
        }
        // A state rebuilt after Redis lost it has a new session at generation 0; the running egress says
        // which session and generation it writes, so the live goes on under its names and a later
        // restart takes the next generation instead of reusing them.
        Lineup lineup = Lineup.of(room, p, active);
        Optional<String> running = lineup.kept().values().stream().map(e -> HlsLayout.sessionOf(e.filenamePrefix()))
                .flatMap(Optional::stream).findFirst();
        if (running.isPresent() && !running.get().equals(s.session())) {
            LOG.infof("room %s: adopting session %s from the running egress", room, running.get());
            s = s.withSession(running.get());
        }
        for (EgressSnapshot e : active) {
            s = s.withGenerationAtLeast(HlsLayout.generationOf(e.filenamePrefix()).orElse(0));
        }
        for (EgressSnapshot extra : lineup.extras()) {
            stop(node.get(), extra.egressId(), "duplicate or unwanted");
        }

        List<String> missing = lineup.missing();
        List<String> ids = lineup.ids();
        if (missing.isEmpty()) {
            boolean allProducing = lineup.allProducing();
            RoomState next = s.withEgress(ids, p.hls().segmentSeconds(), now).with(allProducing ? RoomStatus.LIVE : RoomStatus.STARTING, now);
            store.put(s.status() != RoomStatus.LIVE && allProducing ? next.resetAttempts(now) : next);
            return;
        }
        if (now < s.nextAttemptAt()) {
            store.put(s.withEgress(ids, p.hls().segmentSeconds(), now));
            return;
        }
        boolean needsVideo = !p.hls().audioOnly();
        if (p.hls().trackComposite() && (s.audioTrackId().isEmpty() || (needsVideo && s.videoTrackId().isEmpty()))) {
            String waiting = needsVideo ? "waiting for an audio and a video track" : "waiting for an audio track";
            store.put(s.withEgress(ids, p.hls().segmentSeconds(), now).failedAttempt(waiting, 0, now));
            return;
        }
        start(s.nextGeneration(now), node.get(), p, missing, ids, now);
    }

    private void start(RoomState s, MediaNode node, EgressPlan p, List<String> missing, List<String> running, long now) {
        List<String> ids = new ArrayList<>(running);
        RoomId room = s.room();
        try {
            Optional<S3Upload> upload = p.push().isPresent() ? Optional.of(credentials.upload(p.push().get())) : Optional.empty();
            for (String rendition : missing) {
                ids.add(api.startHls(node, EgressRequests.of(s, p, rendition, config, upload)));
                metrics.started();
                LOG.infof("room %s: started %s egress on %s (generation %d)", room, rendition, node.id(), s.generation());
            }
            store.put(s.withEgress(ids, p.hls().segmentSeconds(), now).with(RoomStatus.STARTING, now));
        } catch (EgressApiException e) {
            metrics.startFailed();
            long delay = Backoff.delay(s.attempts(), config.retryInitial(), config.retryMax()).toMillis();
            RoomState failed = s.withEgress(ids, p.hls().segmentSeconds(), now).failedAttempt(e.getMessage(), now + delay, now);
            if (failed.attempts() >= config.maxAttempts()) {
                // Failed, not abandoned: tried again on a long, capped backoff; an operator may restart or stop it sooner.
                long later = Backoff.delay(failed.attempts() - config.maxAttempts(), config.failedRetryInitial(), config.failedRetryMax()).toMillis();
                failed = s.withEgress(ids, p.hls().segmentSeconds(), now).failedAttempt(e.getMessage(), now + later, now).with(RoomStatus.FAILED, now);
                metrics.failedRoom();
                LOG.errorf("room %s: egress failed to start %d times; marked failed, next try in %d s: %s",
                        room, failed.attempts(), later / 1000, e.getMessage());
            } else {
                LOG.warnf("room %s: starting egress failed (attempt %d, retry in %d ms): %s", room, failed.attempts(), delay, e.getMessage());
            }
            store.put(failed);
        }
    }

    private void end(RoomState s, String why, long now) {
        LOG.infof("room %s: ended (%s)", s.room(), why);
        store.put(s.withEgress(List.of(), s.segmentSeconds(), now).with(RoomStatus.ENDED, now)
                .failedAttempt(why, 0, now).resetAttempts(now));
        store.publish(StreamEvent.ROOM_ENDED, s.room(), s.livekitNode());
    }

    private void stopAll(MediaNode node, String roomName) {
        try {
            for (EgressSnapshot e : api.listActive(node, roomName)) {
                stop(node, e.egressId(), "room ended");
            }
        } catch (EgressApiException e) {
            LOG.debugf("stopping egress of %s on %s failed: %s (retried next pass)", roomName, node.id(), e.getMessage());
        }
    }

    private void stop(MediaNode node, String egressId, String why) {
        try {
            api.stop(node, egressId);
            metrics.stopped();
            LOG.infof("stopped egress %s on %s (%s)", egressId, node.id(), why);
        } catch (EgressApiException e) {
            LOG.warnf("stopping egress %s on %s failed: %s (retried next pass)", egressId, node.id(), e.getMessage());
        }
    }

    private Optional<MediaNode> locate(String roomName) {
        for (MediaNode n : nodes.all()) {
            try {
                if (api.listRooms(n).stream().anyMatch(r -> r.name().equals(roomName))) {
                    return Optional.of(n);
                }
            } catch (EgressApiException e) {
                LOG.debugf("listing rooms on %s failed: %s", n.id(), e.getMessage());
            }
        }
        return Optional.empty();
    }
}
