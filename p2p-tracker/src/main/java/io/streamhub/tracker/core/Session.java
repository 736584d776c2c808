package io.streamhub.tracker.core;

import io.streamhub.shared.rate.TokenBucket;
import io.streamhub.tracker.swarm.Peer;
import io.streamhub.tracker.swarm.PeerLink;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One client connection: the {@code <app>/<room>} of its URL and the swarm shard it named, where
 * its viewer is (network prefix and zone), its peers (one per info_hash it joined) and its announce
 * budget. Messages of one connection are handled one at a time; the map is
 * concurrent because the sweeper and the kill switch read it from other threads.
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
    private final Map<String, Peer> peers = new ConcurrentHashMap<>(4);
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
        return peers.get(infoHash);
    }

    void addPeer(String infoHash, Peer peer) {
        peers.put(infoHash, peer);
    }

    Peer removePeer(String infoHash) {
        return peers.remove(infoHash);
    }

    void removePeer(String infoHash, Peer peer) {
        peers.remove(infoHash, peer);
    }

    int swarmCount() {
        return peers.size();
    }

    public Collection<Peer> peers() {
        return peers.values();
    }

    /** Whether the announce budget shared by its address's connections allows one more (an evicted one is not counted). */
    boolean addressAllows(long now) {
        AddressEntry a = address;
        return a == null || a.tryAnnounce(now);
    }
}
