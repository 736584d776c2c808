package io.streamhub.router.ownership;

import io.streamhub.redis.state.OriginClaims;
import io.streamhub.router.config.RouterConfig;
import io.streamhub.router.source.Duty;
import io.streamhub.router.source.Tier;
import io.streamhub.shared.HlsLayout;
import io.streamhub.shared.OriginClaim;
import io.streamhub.shared.RoomId;
import io.vertx.core.CompositeFuture;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Ownership follows the data (docs/architecture.md, "Ownership follows the data"): every scan, each room whose playlists changed within
 * {@code stallTargets} target durations is claimed ({@code SET NX EX}) or its claim refreshed; a
 * room that stalls or vanishes is released. Claims and releases publish their events atomically.
 */
@ApplicationScoped
@Tier(Tier.Kind.DISK)
public class OriginClaimer implements Duty {

    private static final Logger LOG = Logger.getLogger(OriginClaimer.class);

    private static final class Tracked {
        long fingerprint;
        long lastChange;
        int targetSeconds;
    }

    private final RouterConfig config;
    private final Vertx vertx;
    private final OriginClaims claims;
    private final NodeIdentity node;
    private final LocalRooms rooms;
    private final RoomScanner scanner;
    private final Map<RoomId, Tracked> tracked = new HashMap<>();
    private volatile boolean scanning;
    private long timer;

    public OriginClaimer(RouterConfig config, Vertx vertx, OriginClaims claims, NodeIdentity node, LocalRooms rooms) {
        this.config = config;
        this.vertx = vertx;
        this.claims = claims;
        this.node = node;
        this.rooms = rooms;
        Path appsRoot = HlsLayout.appsRoot(config.origin().dataDir().toAbsolutePath().normalize());
        this.scanner = new RoomScanner(appsRoot, config.origin().livePlaylistName());
    }

    @Override
    public void start() {
        timer = vertx.setPeriodic(0, config.origin().scanInterval().toMillis(), id -> tick());
    }

    @Override
    public void stop() {
        vertx.cancelTimer(timer);
        releaseAll().toCompletionStage().toCompletableFuture().completeOnTimeout(null, 2, TimeUnit.SECONDS).join();
    }

    private void tick() {
        if (scanning) {
            return;
        }
        scanning = true;
        vertx.executeBlocking(scanner::scan, false)
                .compose(this::reconcile)
                .onComplete(ar -> {
                    scanning = false;
                    if (ar.failed()) {
                        LOG.warnf("origin scan failed: %s", ar.cause().toString());
                    }
                });
    }

    private Future<?> reconcile(Map<RoomId, RoomScanner.Observation> seen) {
        long now = System.currentTimeMillis();
        tracked.keySet().retainAll(seen.keySet());
        rooms.retainActive(seen.keySet());
        List<Future<?>> work = new ArrayList<>();
        for (Map.Entry<RoomId, RoomScanner.Observation> e : seen.entrySet()) {
            RoomId room = e.getKey();
            RoomScanner.Observation o = e.getValue();
            Tracked t = tracked.get(room);
            if (t == null) {
                // First sight: trust the file times, so an old, finished room is not claimed at start-up.
                t = new Tracked();
                t.lastChange = o.lastModified();
                tracked.put(room, t);
            } else if (t.fingerprint != o.fingerprint()) {
                t.lastChange = now;
            }
            t.fingerprint = o.fingerprint();
            if (o.targetSeconds() > 0) {
                t.targetSeconds = o.targetSeconds();
            }
            boolean active = now - t.lastChange < stallMillis(t);
            rooms.setActive(room, active);
            if (active) {
                work.add(claim(room, t));
            }
        }
        rooms.claimed().stream().filter(room -> !rooms.holds(room)).forEach(room -> work.add(release(room)));
        return Future.join(new ArrayList<>(work));
    }

    private long targetMillis(Tracked t) {
        return t.targetSeconds > 0 ? t.targetSeconds * 1000L : config.origin().defaultTargetDuration().toMillis();
    }

    private long stallMillis(Tracked t) {
        return config.origin().stallTargets() * targetMillis(t);
    }

    private Future<Long> claim(RoomId room, Tracked t) {
        long ttlSeconds = Math.max(2, (stallMillis(t) + 999) / 1000);
        return claims.claim(new OriginClaim(room, node.nodeId()), ttlSeconds)
                .onSuccess(r -> {
                    if (r == 1) {
                        LOG.infof("claimed %s", room);
                    } else if (r == 0 && rooms.claimed().contains(room)) {
                        LOG.infof("%s is now held by another node", room);
                    }
                    rooms.setClaimed(room, r != 0);
                });
    }

    private Future<Long> release(RoomId room) {
        return claims.release(new OriginClaim(room, node.nodeId()))
                .onSuccess(r -> {
                    rooms.setClaimed(room, false);
                    if (r == 1) {
                        LOG.infof("released %s (playlist stalled or gone)", room);
                    }
                });
    }

    /** On shutdown: hand every room back at once rather than letting claims expire. */
    Future<CompositeFuture> releaseAll() {
        return Future.join(rooms.claimed().stream().<Future<?>>map(this::release).toList());
    }
}
