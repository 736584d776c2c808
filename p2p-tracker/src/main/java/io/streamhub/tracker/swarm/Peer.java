package io.streamhub.tracker.swarm;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One peer_id in one swarm, bound to the connection that announced it. Mutable state is guarded by
 * the swarm's lock.
 */
public final class Peer {

    private final String peerId;
    private final byte[] quotedPeerId;
    private final PeerLink link;
    private final Swarm swarm;
    private final int maxPending;
    /**
     * Offers relayed to this peer that it may still answer, oldest first; {@code null} while there are
     * none, which is most of the time (answers follow offers within a second): an empty map and its
     * table cost ~150 bytes per peer (docs/benchmarks.md, "Memory per peer").
     */
    private LinkedHashMap<String, PendingOffer> pendingOffers;
    private final long prefix;
    private final int zone;

    int index = -1;
    boolean seeder;
    private volatile long lastSeen;
    // The peer's places in its swarm's locality groups (PeerGroups): circular lists through the peers.
    Peer prefixNext;
    Peer prefixPrev;
    Peer zoneNext;
    Peer zonePrev;

    private record PendingOffer(String fromPeerId, long expiresAt) {
    }

    Peer(String peerId, byte[] quotedPeerId, PeerLink link, Swarm swarm, int maxPending, long prefix, int zone) {
        this.peerId = peerId;
        this.prefix = prefix;
        this.zone = zone;
        this.quotedPeerId = quotedPeerId;
        this.link = link;
        this.swarm = swarm;
        this.maxPending = maxPending;
    }

    public String peerId() {
        return peerId;
    }

    /** The peer_id as a JSON string literal in UTF-8, written into every frame relayed from this peer. */
    public byte[] quotedPeerId() {
        return quotedPeerId;
    }

    public PeerLink link() {
        return link;
    }

    public Swarm swarm() {
        return swarm;
    }

    /** The network prefix of the peer's connection, 0 when unknown. */
    public long prefix() {
        return prefix;
    }

    /** The zone id of the peer's connection, 0 when none. */
    public int zone() {
        return zone;
    }

    public long lastSeen() {
        return lastSeen;
    }

    void touch(long now) {
        lastSeen = now;
    }

    void expectAnswer(String offerId, String fromPeerId, long expiresAt) {
        if (pendingOffers == null) {
            int max = maxPending;
            // Insertion order = age: past the cap the oldest offer is forgotten first.
            pendingOffers = new LinkedHashMap<>(8, 0.75f, false) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, PendingOffer> eldest) {
                    return size() > max;
                }
            };
        }
        pendingOffers.put(offerId, new PendingOffer(fromPeerId, expiresAt));
    }

    /** True, once, if {@code offerId} from {@code fromPeerId} was relayed to this peer and has not expired. */
    boolean consumeOffer(String offerId, String fromPeerId, long now) {
        PendingOffer p = pendingOffers == null ? null : pendingOffers.get(offerId);
        if (p == null || !p.fromPeerId.equals(fromPeerId)) {
            return false;
        }
        pendingOffers.remove(offerId);
        if (pendingOffers.isEmpty()) {
            pendingOffers = null;
        }
        return p.expiresAt >= now;
    }

    void dropExpiredOffers(long now) {
        if (pendingOffers != null) {
            pendingOffers.values().removeIf(p -> p.expiresAt < now);
            if (pendingOffers.isEmpty()) {
                pendingOffers = null;
            }
        }
    }
}
