package io.streamhub.tracker.core;

import io.streamhub.shared.rate.TokenBucket;
import io.streamhub.tracker.swarm.Peer;
import io.streamhub.tracker.swarm.PeerLink;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * One client connection: the {@code <app>/<room>} of its URL and the swarm shard it named, where
 * its viewer is (network prefix and zone), its peers (one per info_hash it joined) and its announce
 * budget. Messages of one connection are handled one at a time; the peers are a copy-on-write
 * array because the sweeper and the kill switch read them from other threads (and the sweeper
 * removes). Almost every connection holds one peer (P2P Media Loader announces one stream per
 * connection, at most {@code tracker.max-swarms-per-connection}), so an array of one is the whole
 * index: a concurrent map cost ~150 bytes per connection for that one entry (docs/benchmarks.md,
 * "Memory per peer").
 */
public final class Session {

    private final String id;
    private final String app;
    private final String room;
    private final int shard;
    private final String origin;
    private final PeerLink link;
    private final long prefix;
    private final int zone;
    private final TokenBucket bucket;
    private static final Peer[] NONE = new Peer[0];
    private volatile Peer[] peers = NONE;
    private volatile long lastSeen;
    /** Its client address's entry and its neighbours in that address's age order; kept by {@link AddressLimits}. */
    AddressEntry address;
    Session older;
    Session newer;

    public Session(String id, String app, String room, int shard, String origin, PeerLink link,
                   long prefix, int zone, double announcesPerSecond, int burst, long now) {
        this.id = id;
        this.app = app;
        this.room = room;
        this.shard = shard;
        this.origin = origin;
        this.link = link;
        this.prefix = prefix;
        this.zone = zone;
        this.bucket = new TokenBucket(announcesPerSecond, burst, now);
        this.lastSeen = now;
    }

    public String id() {
        return id;
    }

    public String app() {
        return app;
    }

    /** The swarm shard of the room (0 for an unsharded room). */
    public int shard() {
        return shard;
    }

    public String room() {
        return room;
    }

    /** The Origin header of the upgrade request, or {@code null}. */
    public String origin() {
        return origin;
    }

    public PeerLink link() {
        return link;
    }

    /** The viewer's network prefix ({@code Locality.prefixOf}), 0 when unknown. */
    public long prefix() {
        return prefix;
    }

    /** The viewer's zone id ({@code Locality.zoneOf}), 0 when none. */
    public int zone() {
        return zone;
    }

    public long lastSeen() {
        return lastSeen;
    }

    void touch(long now) {
        lastSeen = now;
    }

    boolean tryAnnounce(long now) {
        return bucket.tryTake(now);
    }

    Peer peer(String infoHash) {
        for (Peer p : peers) {
            if (p.swarm().key().infoHash().equals(infoHash)) {
                return p;
            }
        }
        return null;
    }

    /** Adds the peer of a swarm this session has no peer in yet (its only caller checked {@link #peer}). */
    synchronized void addPeer(String infoHash, Peer peer) {
        Peer[] now = peers;
        for (int i = 0; i < now.length; i++) {
            if (now[i].swarm().key().infoHash().equals(infoHash)) {
                Peer[] next = now.clone();
                next[i] = peer;
                peers = next;
                return;
            }
        }
        Peer[] next = Arrays.copyOf(now, now.length + 1);
        next[now.length] = peer;
        peers = next;
    }

    synchronized void removePeer(Peer peer) {
        Peer[] now = peers;
        for (Peer p : now) {
            if (p == peer) {
                peers = without(now, p);
                return;
            }
        }
    }

    private static Peer[] without(Peer[] from, Peer gone) {
        if (from.length == 1) {
            return NONE;
        }
        Peer[] next = new Peer[from.length - 1];
        int j = 0;
        for (Peer p : from) {
            if (p != gone) {
                next[j++] = p;
            }
        }
        return next;
    }

    int swarmCount() {
        return peers.length;
    }

    /** A snapshot: later joins and leaves do not change it. */
    public Collection<Peer> peers() {
        return List.of(peers);
    }

    /** Whether the announce budget shared by its address's connections allows one more (an evicted one is not counted). */
    boolean addressAllows(long now) {
        AddressEntry a = address;
        return a == null || a.tryAnnounce(now);
    }
}
