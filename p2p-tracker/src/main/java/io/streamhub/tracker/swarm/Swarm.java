package io.streamhub.tracker.swarm;

import io.streamhub.tracker.protocol.Offer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The peers of one info_hash in one {@code <app>/<room>}. Peers of a swarm live on many connections,
 * hence on many event loops, so every operation takes the swarm's lock; it is held only for
 * bookkeeping, never while writing to a socket.
 */
public final class Swarm {

    /** Why a join was refused. */
    public enum JoinRefusal { PEER_ID_TAKEN, FULL, CLOSED }

    /** A join's outcome: the peer, or why there is none. */
    public record Join(Peer peer, JoinRefusal refusal, boolean created) {
    }

    private final SwarmKey key;
    private final String quotedInfoHash;
    private final byte[] quotedInfoHashUtf8;
    private final int maxPeers;
    private final int maxPendingOffers;
    private final SwarmListener listener;

    // A list for uniform random picks, a map for answers by peer_id.
    private final ArrayList<Peer> peers = new ArrayList<>();
    private final Map<String, Peer> byId = new HashMap<>();
    private int seeders;
    private int downloaded;
    private boolean closed;

    Swarm(SwarmKey key, String quotedInfoHash, int maxPeers, int maxPendingOffers, SwarmListener listener) {
        this.key = key;
        this.quotedInfoHash = quotedInfoHash;
        this.quotedInfoHashUtf8 = quotedInfoHash.getBytes(StandardCharsets.UTF_8);
        this.maxPeers = maxPeers;
        this.maxPendingOffers = maxPendingOffers;
        this.listener = listener;
    }

    public SwarmKey key() {
        return key;
    }

    public String quotedInfoHash() {
        return quotedInfoHash;
    }

    /** {@link #quotedInfoHash()} in UTF-8, for relayed frames. */
    public byte[] quotedInfoHashUtf8() {
        return quotedInfoHashUtf8;
    }

    public synchronized Join join(String peerId, byte[] quotedPeerId, PeerLink link, boolean seeder, long now) {
        if (closed) {
            return new Join(null, JoinRefusal.CLOSED, false);
        }
        Peer existing = byId.get(peerId);
        if (existing != null) {
            if (existing.link() != link) {
                return new Join(null, JoinRefusal.PEER_ID_TAKEN, false);
            }
            setSeeder(existing, seeder);
            existing.touch(now);
            return new Join(existing, null, false);
        }
        if (peers.size() >= maxPeers) {
            return new Join(null, JoinRefusal.FULL, false);
        }
        Peer peer = new Peer(peerId, quotedPeerId, link, this, maxPendingOffers);
        peer.index = peers.size();
        peers.add(peer);
        byId.put(peerId, peer);
        setSeeder(peer, seeder);
        peer.touch(now);
        listener.peerAdded();
        return new Join(peer, null, true);
    }

    /** Removes the peer; returns true when the swarm is now empty (and closed for good). */
    public synchronized boolean leave(Peer peer) {
        if (!contains(peer)) {
            return closed;
        }
        int last = peers.size() - 1;
        Peer moved = peers.get(last);
        peers.set(peer.index, moved);
        moved.index = peer.index;
        peers.remove(last);
        peer.index = -1;
        byId.remove(peer.peerId());
        if (peer.seeder) {
            seeders--;
        }
        listener.peerRemoved();
        if (peers.isEmpty()) {
            closed = true;
        }
        return closed;
    }

    public synchronized void update(Peer peer, boolean seeder, boolean completed, long now) {
        setSeeder(peer, seeder || completed);
        if (completed) {
            downloaded++;
        }
        peer.touch(now);
    }

    public synchronized void seen(Peer peer, long now) {
        peer.touch(now);
    }

    public synchronized boolean contains(Peer peer) {
        return peer.index >= 0 && peer.index < peers.size() && peers.get(peer.index) == peer;
    }

    /**
     * Picks distinct random peers other than {@code from}, one per offer (fewer if the swarm is small),
     * and remembers on each that it may answer that offer.
     */
    public synchronized Peer[] offerTargets(Peer from, List<Offer> offers, long expiresAt) {
        int others = peers.size() - 1;
        int n = Math.min(offers.size(), others);
        if (n <= 0) {
            return new Peer[0];
        }
        Peer[] targets = new Peer[n];
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (n == others) {
            int t = 0;
            for (Peer p : peers) {
                if (p != from) {
                    targets[t++] = p;
                }
            }
        } else {
            // n is small (the offer cap) next to the swarm: rejection sampling of distinct indices.
            int t = 0;
            while (t < n) {
                Peer p = peers.get(random.nextInt(peers.size()));
                if (p != from && !contains(targets, t, p)) {
                    targets[t++] = p;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            targets[i].expectAnswer(offers.get(i).offerId(), from.peerId(), expiresAt);
        }
        return targets;
    }

    /** The peer an answer goes to, if {@code offerId} from it was really relayed to {@code answerer}. */
    public synchronized Peer answerTarget(Peer answerer, String toPeerId, String offerId, long now) {
        Peer to = byId.get(toPeerId);
        if (to == null || !answerer.consumeOffer(offerId, toPeerId, now)) {
            return null;
        }
        return to;
    }

    public synchronized int complete() {
        return seeders;
    }

    public synchronized int incomplete() {
        return peers.size() - seeders;
    }

    /** {@code complete, incomplete, downloaded} in one consistent read. */
    public synchronized int[] counts() {
        return new int[] {seeders, peers.size() - seeders, downloaded};
    }

    public synchronized int size() {
        return peers.size();
    }

    /** Peers not heard from since {@code silentBefore}; pending offers past their time are dropped too. */
    public synchronized List<Peer> silentPeers(long silentBefore, long now) {
        List<Peer> silent = new ArrayList<>(0);
        for (Peer p : peers) {
            if (p.lastSeen() < silentBefore) {
                silent.add(p);
            } else {
                p.dropExpiredOffers(now);
            }
        }
        return silent;
    }

    private void setSeeder(Peer peer, boolean seeder) {
        if (peer.seeder != seeder) {
            peer.seeder = seeder;
            seeders += seeder ? 1 : -1;
        }
    }

    private static boolean contains(Peer[] a, int n, Peer p) {
        for (int i = 0; i < n; i++) {
            if (a[i] == p) {
                return true;
            }
        }
        return false;
    }
}
