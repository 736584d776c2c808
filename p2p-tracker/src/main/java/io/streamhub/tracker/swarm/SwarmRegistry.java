package io.streamhub.tracker.swarm;

import io.streamhub.tracker.protocol.Replies;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

/** All swarms of this process. A swarm that empties is closed and removed; joiners then make a new one. */
public final class SwarmRegistry {

    private final ConcurrentHashMap<SwarmKey, Swarm> swarms = new ConcurrentHashMap<>();
    private final int maxPeersPerSwarm;
    private final int maxPendingOffers;
    private final boolean locality;
    private final SwarmListener listener;

    /** With {@code locality}, offers prefer peers of the announcer's network prefix and zone ({@link Swarm#offerTargets}). */
    public SwarmRegistry(int maxPeersPerSwarm, int maxPendingOffers, boolean locality, SwarmListener listener) {
        this.maxPeersPerSwarm = maxPeersPerSwarm;
        this.maxPendingOffers = maxPendingOffers;
        this.locality = locality;
        this.listener = listener;
    }

    /**
     * Joins (or refreshes) a peer of a connection with network prefix {@code prefix} and zone {@code zone}
     * (0: unknown), retrying once if it raced with the swarm's removal.
     */
    public Swarm.Join join(SwarmKey key, String peerId, byte[] quotedPeerId, PeerLink link, long prefix, int zone, boolean seeder, long now) {
        while (true) {
            Swarm swarm = swarms.computeIfAbsent(key,
                    k -> new Swarm(k, Replies.quote(k.infoHash()), maxPeersPerSwarm, maxPendingOffers, locality, listener));
            Swarm.Join join = swarm.join(peerId, quotedPeerId, link, prefix, zone, seeder, now);
            if (join.refusal() != Swarm.JoinRefusal.CLOSED) {
                return join;
            }
            swarms.remove(key, swarm);
        }
    }

    public void leave(Peer peer) {
        Swarm swarm = peer.swarm();
        if (swarm.leave(peer)) {
            swarms.remove(swarm.key(), swarm);
        }
    }

    public Swarm find(SwarmKey key) {
        return swarms.get(key);
    }

    public Collection<Swarm> all() {
        return swarms.values();
    }

    public int count() {
        return swarms.size();
    }
}
