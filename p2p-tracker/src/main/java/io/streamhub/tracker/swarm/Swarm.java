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

    /** Weighted looks per offer still to fill, before the rest are taken plainly: bounds an announce's work. */
    static final int TRIES_PER_OFFER = 16;

    private final SwarmKey key;
    private final String quotedInfoHash;
    private final byte[] quotedInfoHashUtf8;
    private final int maxPeers;
    private final int maxPendingOffers;
    private final SwarmListener listener;

    // A list for uniform random picks, a map for answers by peer_id.
    private final ArrayList<Peer> peers = new ArrayList<>();
    private final Map<String, Peer> byId = new HashMap<>();
    // Locality groups, null when locality is off.
    private final PeerGroups byPrefix;
    private final PeerGroups byZone;
    private int seeders;
    private int downloaded;
    private boolean closed;
    // Offers that peers short of near peers should get from farther ones and have not yet: added by
    // their announces, paid by weighted picks, decayed on each sweep.
    private int owed;

    Swarm(SwarmKey key, String quotedInfoHash, int maxPeers, int maxPendingOffers, boolean locality, SwarmListener listener) {
        this.key = key;
        this.quotedInfoHash = quotedInfoHash;
        this.quotedInfoHashUtf8 = quotedInfoHash.getBytes(StandardCharsets.UTF_8);
        this.maxPeers = maxPeers;
        this.maxPendingOffers = maxPendingOffers;
        this.listener = listener;
        this.byPrefix = locality ? new PeerGroups(false) : null;
        this.byZone = locality ? new PeerGroups(true) : null;
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

    /** Joins a peer whose connection has network prefix {@code prefix} and zone {@code zone} (0: unknown). */
    public synchronized Join join(String peerId, byte[] quotedPeerId, PeerLink link, long prefix, int zone, boolean seeder, long now) {
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
        Peer peer = new Peer(peerId, quotedPeerId, link, this, maxPendingOffers, prefix, zone);
        peer.index = peers.size();
        peers.add(peer);
        byId.put(peerId, peer);
        if (byPrefix != null) {
            byPrefix.add(peer);
            byZone.add(peer);
        }
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
        if (byPrefix != null) {
            byPrefix.remove(peer);
            byZone.remove(peer);
        }
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
     * Picks distinct peers other than {@code from}, one per offer (fewer if the swarm is small), and
     * remembers on each that it may answer that offer. Without locality they are random. With it,
     * the offers go first to peers of {@code from}'s network prefix, in turn; then to peers of its
     * zone, in turn, favouring those whose own prefix group is too small to fill their offers; then
     * to random peers, favouring those whose prefix and zone groups are both too small. The
     * favouring sends the offers that near peers cannot give to the peers that lack them, and while
     * such peers are owed offers, a peer whose near peers fill all its offers gives them its last
     * one; so each peer still receives about as many offers as with random choice
     * (docs/architecture.md, "Peers matched by locality"). At least min(offers, prefix peers) - 1
     * targets share {@code from}'s prefix.
     */
    public synchronized Peer[] offerTargets(Peer from, List<Offer> offers, long expiresAt) {
        int others = peers.size() - 1;
        int n = Math.min(offers.size(), others);
        if (n <= 0) {
            return new Peer[0];
        }
        Peer[] targets = new Peer[n];
        if (n == others) {
            int t = 0;
            for (Peer p : peers) {
                if (p != from) {
                    targets[t++] = p;
                }
            }
        } else {
            int want = offers.size();
            int t = 0;
            if (byPrefix != null) {
                t = byPrefix.take(from, targets, t, n, null, want, TRIES_PER_OFFER);
                t = byZone.take(from, targets, t, n, byPrefix, want, TRIES_PER_OFFER);
                int missing = shortfall(from, want);
                if (missing > 0) {
                    owed = (int) Math.min((long) owed + missing, (long) peers.size() * want);
                } else if (owed > 0 && t == n) {
                    payOwed(from, targets, n, want);
                }
            }
            pickRandom(from, targets, t, n, want);
        }
        for (int i = 0; i < n; i++) {
            targets[i].expectAnswer(offers.get(i).offerId(), from.peerId(), expiresAt);
        }
        return targets;
    }

    /**
     * Fills {@code targets[t..n)} with distinct random peers other than {@code from}: rejection
     * sampling, as n is small (the offer cap) next to the swarm. With locality, the first draws
     * are taken with probability shortfall / want.
     */
    private void pickRandom(Peer from, Peer[] targets, int t, int n, int want) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int weighted = byPrefix == null ? 0 : TRIES_PER_OFFER * (n - t);
        while (t < n) {
            Peer p = peers.get(random.nextInt(peers.size()));
            if (p == from || contains(targets, t, p)) {
                continue;
            }
            if (weighted > 0) {
                weighted--;
                if (random.nextInt(want) >= shortfall(p, want)) {
                    continue;
                }
                if (owed > 0) {
                    owed--;
                }
            }
            targets[t++] = p;
        }
    }

    /**
     * A peer whose near peers fill all its offers gives its last one to a random peer short of near
     * peers, if a few weighted draws find one: without this, a small group next to self-sufficient
     * ones would receive only its own offers.
     */
    private void payOwed(Peer from, Peer[] targets, int n, int want) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < TRIES_PER_OFFER; i++) {
            Peer p = peers.get(random.nextInt(peers.size()));
            if (p != from && !contains(targets, n, p) && random.nextInt(want) < shortfall(p, want)) {
                targets[n - 1] = p;
                owed--;
                return;
            }
        }
    }

    /** Offers {@code p} misses from near peers (its prefix or zone group, the larger) when each makes {@code want}. */
    private int shortfall(Peer p, int want) {
        return Math.min(byPrefix.shortfall(p, want), byZone.shortfall(p, want));
    }

    /** Which of {@code from}'s locality groups {@code to} shares: the offer counter's {@code match}. */
    public static OfferMatch match(Peer from, Peer to) {
        if (from.prefix() != 0 && from.prefix() == to.prefix()) {
            return OfferMatch.PREFIX;
        }
        if (from.zone() != 0 && from.zone() == to.zone()) {
            return OfferMatch.ZONE;
        }
        return OfferMatch.OTHER;
    }

    /** Locality groups of this swarm as {@code [prefix groups, zone groups, table slots]}, for tests; zeros when off. */
    synchronized int[] localityIndex() {
        return byPrefix == null ? new int[3]
                : new int[] {byPrefix.groups(), byZone.groups(), byPrefix.capacity() + byZone.capacity()};
    }

    /** The peer an answer goes to, if {@code offerId} from it was really relayed to {@code answerer}. */
    public synchronized Peer answerTarget(Peer answerer, String toPeerId, String offerId, long now) {
        Peer to = byId.get(toPeerId);
        if (to == null || !answerer.consumeOffer(offerId, toPeerId, now)) {
            return null;
        }
        return to;
    }

    /** {@code complete, incomplete, downloaded} in one consistent read. */
    public synchronized int[] counts() {
        return new int[] {seeders, peers.size() - seeders, downloaded};
    }

    /** Peers not heard from since {@code silentBefore}; pending offers past their time are dropped, and owed offers decay. */
    public synchronized List<Peer> silentPeers(long silentBefore, long now) {
        owed = owed * 7 / 8; // what nobody could pay (its peers left) fades within minutes
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

    static boolean contains(Peer[] a, int n, Peer p) {
        for (int i = 0; i < n; i++) {
            if (a[i] == p) {
                return true;
            }
        }
        return false;
    }
}
