package io.streamhub.router.ownership;

import com.github.benmanes.caffeine.cache.Cache;
import io.streamhub.redis.BoundedCache;
import io.streamhub.redis.SingleFlight;
import io.streamhub.redis.state.NodeRecords;
import io.streamhub.redis.state.OriginClaims;
import io.streamhub.redis.state.SessionAdvertisements;
import io.streamhub.router.config.RouterConfig;
import io.streamhub.router.metrics.RouterMetrics;
import io.streamhub.router.proxy.UpstreamException;
import io.streamhub.router.proxy.UpstreamLocator;
import io.streamhub.router.redis.SubscriptionRestored;
import io.streamhub.router.source.Tier;
import io.streamhub.shared.HlsLayout;
import io.streamhub.shared.HlsPath;
import io.streamhub.shared.RoomId;
import io.streamhub.shared.SessionAdvertisement;
import io.streamhub.shared.StreamEvent;
import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Room → owning node → that node's HLS URL, from the claims ({@link OriginClaims}) and node records ({@link NodeRecords}).
 * Answers are cached ({@code ownerTtl}, "nobody" for {@code negativeTtl}); {@code sh:events} marks
 * them stale sooner. When Redis cannot be asked, the last answer stays in use: a master keeps
 * serving through a Redis outage. When Redis answers but has lost the claim or the node record (a
 * restart without persistence: the origin writes them again within a heartbeat), the last owner also
 * stays in use for {@code lostStateGrace} — missing is not "nobody" — unless an event said the
 * room was released or ended. That grace counts from Redis's return as well as from the last
 * confirmation: an outage longer than the grace must not turn into 404s the moment Redis answers
 * empty. Concurrent lookups of one room share one Redis round trip.
 *
 * <p>Every request can name a new room or session, so what is kept is bounded by size and age
 * (docs/architecture.md, "The public edge"): at most {@code directory-max-rooms} rooms in each cache,
 * the least used evicted first; a "nobody" forgotten once its {@code negativeTtl} is over; an owner
 * forgotten after {@link #IDLE_MILLIS} without a request. Forgetting only means asking Redis again.
 * Sessions are kept per room, never per name: a room's whole sessions hash is read at once, and a
 * name it does not hold is answered from that copy until {@code negativeTtl} is over, so a flood of
 * invented names costs one Redis read per room per {@code negativeTtl} and no entry per name.
 */
@ApplicationScoped
@Tier(Tier.Kind.REDIS) // the proxy's locator where the role has Redis (RoleWiring); events never create it elsewhere
public class OwnerDirectory implements UpstreamLocator {

    /** How long an owner nobody asks about is kept (as the fallback for a Redis outage) at least. */
    static final long IDLE_MILLIS = 10 * 60_000;

    /** {@code hlsUrl == null} with a node id: the node is claimed but its record has expired (dead). */
    record Owner(String nodeId, String hlsUrl) {
        static final Owner NOBODY = new Owner(null, null);
    }

    /**
     * {@code confirmedAt}: when Redis last named this owner with a node record, or came back with
     * this owner known (the grace for lost state counts from then).
     */
    private record Known(Owner owner, long freshUntil, long confirmedAt) {
    }

    /** A room's sessions hash as last read: field ({@code <session>[-g<n>]}) → the origin advertising it. */
    private record Sessions(Map<String, Owner> holders, long readAt) {
    }

    private final OriginClaims claims;
    private final NodeRecords nodes;
    private final SessionAdvertisements advertisements;
    private final long ownerTtl;
    private final long negativeTtl;
    private final long lostStateGrace;
    private final Cache<RoomId, Known> rooms;
    private final Cache<RoomId, Sessions> sessions;
    private final Map<RoomId, Future<Owner>> inflight = new ConcurrentHashMap<>();
    private final Map<RoomId, Future<Sessions>> sessionReads = new ConcurrentHashMap<>();

    public OwnerDirectory(OriginClaims claims, NodeRecords nodes, SessionAdvertisements advertisements, RouterConfig config,
                          RouterMetrics metrics) {
        this.claims = claims;
        this.nodes = nodes;
        this.advertisements = advertisements;
        this.ownerTtl = config.proxy().ownerTtl().toMillis();
        this.negativeTtl = config.proxy().negativeTtl().toMillis();
        this.lostStateGrace = config.proxy().lostStateGrace().toMillis();
        Duration idle = Duration.ofMillis(Math.max(IDLE_MILLIS, Math.max(ownerTtl, lostStateGrace)));
        int max = config.proxy().directoryMaxRooms();
        this.rooms = BoundedCache.build(max, k -> k.owner().nodeId() == null, config.proxy().negativeTtl(), idle);
        this.sessions = BoundedCache.build(max, s -> s.holders().isEmpty(), config.proxy().negativeTtl(), idle);
        metrics.watch("owners", rooms);
        metrics.watch("sessions", sessions);
    }

    /**
     * A file that names a session (its segments, its recordings, its VOD playlist) goes to the origin
     * that advertises holding that session ({@link SessionAdvertisements}): after the live its
     * claim lapses, and the room's next live may be on another node. A session nobody advertises (an
     * app without VOD, or Redis lost the hash a moment ago) goes where the room's live claim says.
     */
    @Override
    public Future<String> locate(HlsPath path) {
        Optional<String> session = HlsLayout.sessionOf(path.file());
        if (session.isEmpty()) {
            return locate(path.roomId());
        }
        RoomId room = path.roomId();
        // A segment or a recording goes where its generation lies; the VOD playlist to the holder of the newest one.
        OptionalInt generation = HlsLayout.generationOf(path.file());
        if (generation.isEmpty()) {
            generation = HlsLayout.recordingOf(path.file()).map(r -> OptionalInt.of(r.generation())).orElse(OptionalInt.empty());
        }
        String field = SessionAdvertisement.field(session.get(), generation);
        Sessions known = sessions.getIfPresent(room);
        boolean fresh = known != null
                && System.currentTimeMillis() < known.readAt() + (known.holders().containsKey(field) ? ownerTtl : negativeTtl);
        Future<Sessions> read = fresh ? Future.succeededFuture(known) : SingleFlight.join(sessionReads, room, () -> readSessions(room, known));
        return read.map(s -> s.holders().getOrDefault(field, Owner.NOBODY))
                .compose(o -> o.nodeId() == null ? locate(room) : url(o));
    }

    /** The room's sessions hash with each advertising node's URL; what was read before when Redis cannot be asked. */
    private Future<Sessions> readSessions(RoomId room, Sessions previous) {
        return advertisements.holders(room).compose(fields -> {
            Map<String, Future<Owner>> byNode = new HashMap<>();
            fields.values().forEach(node -> byNode.computeIfAbsent(node, this::ownerOn));
            return Future.all(new ArrayList<>(byNode.values())).map(all -> {
                Map<String, Owner> holders = new HashMap<>();
                fields.forEach((field, node) -> holders.put(field, byNode.get(node).result()));
                Sessions s = new Sessions(holders, System.currentTimeMillis());
                sessions.put(room, s);
                return s;
            });
        }).recover(e -> Future.succeededFuture(previous != null ? previous : new Sessions(Map.of(), 0)));
    }

    @Override
    public Future<String> locate(RoomId room) {
        return owner(room).compose(OwnerDirectory::url);
    }

    private static Future<String> url(Owner o) {
        if (o.nodeId() == null) {
            return Future.succeededFuture(null);
        }
        if (o.hlsUrl() == null || o.hlsUrl().isBlank()) {
            return Future.failedFuture(new UpstreamException(502, "the node serving this room (" + o.nodeId() + ") is down"));
        }
        return Future.succeededFuture(o.hlsUrl());
    }

    Future<Owner> owner(RoomId room) {
        Known known = rooms.getIfPresent(room);
        if (known != null && System.currentTimeMillis() < known.freshUntil) {
            return Future.succeededFuture(known.owner);
        }
        return SingleFlight.join(inflight, room, () -> fetch(room, known));
    }

    private Future<Owner> fetch(RoomId room, Known previous) {
        return claims.holder(room).compose(claim -> claim == null ? Future.succeededFuture(Owner.NOBODY) : ownerOn(claim.nodeId())).map(o -> {
            long now = System.currentTimeMillis();
            boolean complete = o.nodeId() != null && o.hlsUrl() != null && !o.hlsUrl().isBlank();
            if (!complete && previous != null && previous.owner.hlsUrl() != null && now - previous.confirmedAt < lostStateGrace) {
                // Redis lost the claim or the node record; the origin that served a moment ago writes them again.
                rooms.put(room, new Known(previous.owner, now + Math.min(negativeTtl, ownerTtl), previous.confirmedAt));
                return previous.owner;
            }
            long ttl = o.nodeId() == null ? negativeTtl : ownerTtl;
            rooms.put(room, new Known(o, now + ttl, complete ? now : 0));
            return o;
        }).recover(e -> previous != null
                ? Future.succeededFuture(previous.owner)
                : Future.failedFuture(new UpstreamException(503, "room directory unavailable: " + e.getMessage())));
    }

    /** The node and its {@code hlsUrl} ({@code null} when its record expired: the node is dead). */
    private Future<Owner> ownerOn(String nodeId) {
        return nodes.get(nodeId).map(record -> new Owner(nodeId, record == null ? null : record.hlsUrl()));
    }

    @Override
    public void upstreamFailed(RoomId room) {
        markStale(room);
        sessions.invalidate(room);
    }

    private void markStale(RoomId room) {
        rooms.asMap().computeIfPresent(room, (r, k) -> new Known(k.owner, 0, k.confirmedAt));
    }

    void onEvent(@Observes(notifyObserver = Reception.IF_EXISTS) StreamEvent event) {
        switch (event.type()) {
            case StreamEvent.ORIGIN_CLAIMED -> Optional.ofNullable(event.roomId()).ifPresent(this::markStale);
            // Said, not lost: the last owner is no bridge any more.
            case StreamEvent.ORIGIN_RELEASED, StreamEvent.ROOM_ENDED -> Optional.ofNullable(event.roomId())
                    .ifPresent(room -> rooms.asMap().computeIfPresent(room, (r, k) -> new Known(k.owner, 0, 0)));
            case StreamEvent.NODE_DOWN -> rooms.asMap().replaceAll((r, k) ->
                    event.node() != null && event.node().equals(k.owner.nodeId()) ? new Known(k.owner, 0, 0) : k);
            default -> {
            }
        }
    }

    /**
     * Redis is back (perhaps empty): re-ask about every room, and let owners that were confirmed
     * (not already given up by an event) bridge a lost claim for a full grace from now.
     */
    void onRestored(@Observes(notifyObserver = Reception.IF_EXISTS) SubscriptionRestored restored) {
        rooms.asMap().replaceAll((r, k) -> new Known(k.owner, 0,
                k.confirmedAt == 0 ? 0 : Math.max(k.confirmedAt, restored.atMillis())));
    }
}
