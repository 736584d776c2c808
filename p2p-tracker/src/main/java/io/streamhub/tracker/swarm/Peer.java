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
    private final Map<String, PendingOffer> pendingOffers;

    int index = -1;
    boolean seeder;
    private volatile long lastSeen;

    private record PendingOffer(String fromPeerId, long expiresAt) {
    }

    Peer(String peerId, byte[] quotedPeerId, PeerLink link, Swarm swarm, int maxPending) {
        this.peerId = peerId;
        this.quotedPeerId = quotedPeerId;
        this.link = link;
        this.swarm = swarm;
        // Insertion order = age: past the cap the oldest offer is forgotten first.
        this.pendingOffers = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PendingOffer> eldest) {
                return size() > maxPending;
            }
        };
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

    public long lastSeen() {
        return lastSeen;
    }

    void touch(long now) {
        lastSeen = now;
    }

    void expectAnswer(String offerId, String fromPeerId, long expiresAt) {
        pendingOffers.put(offerId, new PendingOffer(fromPeerId, expiresAt));
    }

    /** True, once, if {@code offerId} from {@code fromPeerId} was relayed to this peer and has not expired. */
    boolean consumeOffer(String offerId, String fromPeerId, long now) {
        PendingOffer p = pendingOffers.get(offerId);
        if (p == null || !p.fromPeerId.equals(fromPeerId)) {
            return false;
        }
        pendingOffers.remove(offerId);
        return p.expiresAt >= now;
    }

    void dropExpiredOffers(long now) {
        pendingOffers.values().removeIf(p -> p.expiresAt < now);
    }
}
