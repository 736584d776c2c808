package io.streamhub.tracker.core;

import io.streamhub.tracker.config.TrackerConfig;
import io.streamhub.tracker.locality.Locality;
import io.streamhub.tracker.metrics.TrackerMetrics;
import io.streamhub.tracker.protocol.Refusal;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.util.HashMap;

/**
 * One address never takes the tracker (docs/architecture.md, "Connections per address"): each client
 * address holds at most {@code per-address.max-connections}, and at the global cap a new address
 * gets in by closing the oldest connection of the address holding the most, if that is more than its
 * fair share (the cap over the addresses, at least one); otherwise it is refused. An address's entry
 * lives exactly as long as it holds a connection, so there are never more entries than connections.
 * Connections open and close under one lock; frames never take it.
 */
@Singleton
public class AddressLimits {

    /** RFC 6455's "Try Again Later", for a connection closed to let a new address in. */
    static final int EVICTED_CODE = 1013;

    private final int maxConnections;
    private final int maxPerAddress;
    private final double announcesPerSecond;
    private final int announceBurst;
    private final TrackerMetrics metrics;
    private final HashMap<Long, AddressEntry> entries = new HashMap<>();
    /** The entries holding each count, 1..maxPerAddress. */
    private final AddressEntry[] byCount;
    private int highest;
    private int total;

    public AddressLimits(TrackerConfig config, TrackerMetrics metrics) {
        TrackerConfig.PerAddress per = config.perAddress();
        this.maxConnections = config.maxConnections();
        this.maxPerAddress = per.maxConnections();
        this.announcesPerSecond = per.announcesPerSecond();
        this.announceBurst = per.announceBurst();
        this.metrics = metrics;
        if (maxConnections < 1) {
            throw new IllegalArgumentException("tracker.max-connections must be positive, was " + maxConnections);
        }
        if (maxPerAddress < 1 || maxPerAddress > maxConnections) {
            throw new IllegalArgumentException("tracker.per-address.max-connections must be 1..tracker.max-connections ("
                    + maxConnections + "), was " + maxPerAddress);
        }
        if (!(announcesPerSecond > 0) || announceBurst < 1) {
            throw new IllegalArgumentException("tracker.per-address.announces-per-second and announce-burst must be positive, were "
                    + announcesPerSecond + " and " + announceBurst);
        }
        this.byCount = new AddressEntry[maxPerAddress + 1];
        metrics.addressesGauge(this::addresses);
    }

    /** What a client address counts as: an IPv4 address, or an IPv6 /64 (a subscriber's usual allocation has 2^64 addresses). */
    public static long keyOf(InetAddress address) {
        return Locality.prefix(address, 32, 64);
    }

    /**
     * Takes a connection for the address {@code key} while its upgrade is decided: {@code null} when
     * admitted (then {@link #attach} or {@link #cancel} it), else the refusal, already counted.
     */
    public Refusal reserve(long key, long now) {
        Session evicted = null;
        synchronized (this) {
            AddressEntry entry = entries.get(key);
            Refusal refusal = entry != null && entry.count >= maxPerAddress ? Refusal.ADDRESS_LIMIT : null;
            if (refusal == null && total >= maxConnections) {
                evicted = entry == null ? evictable() : null;
                if (evicted == null) {
                    refusal = Refusal.CONNECTION_LIMIT;
                } else {
                    unlink(evicted);
                }
            }
            if (refusal != null) {
                metrics.refused(refusal);
                return refusal;
            }
            if (entry == null) {
                entry = new AddressEntry(key, announcesPerSecond, announceBurst, now);
                entries.put(key, entry);
            }
            move(entry, 1);
        }
        if (evicted != null) {
            metrics.refused(Refusal.EVICTED);
            evicted.link().close(EVICTED_CODE, "evicted: your address holds more than its share of connections");
        }
        return null;
    }

    /** The oldest connection of the address holding the most, if that is more than its fair share with one more address. */
    private Session evictable() {
        int fairShare = Math.max(1, maxConnections / (entries.size() + 1));
        return highest > fairShare ? byCount[highest].oldest : null; // null too while its connections are all upgrading
    }

    /** The reserved connection of {@code key} became {@code session}, the address's newest. */
    public synchronized void attach(long key, Session session) {
        AddressEntry entry = entries.get(key);
        session.address = entry;
        session.older = entry.newest;
        if (entry.newest != null) {
            entry.newest.newer = session;
        } else {
            entry.oldest = session;
        }
        entry.newest = session;
    }

    /** A reservation whose upgrade did not happen. */
    public synchronized void cancel(long key) {
        move(entries.get(key), -1);
    }

    /** A closed connection gives its place back (once: an evicted one already did). */
    public synchronized void release(Session session) {
        if (session.address != null) {
            unlink(session);
        }
    }

    private void unlink(Session s) {
        AddressEntry entry = s.address;
        if (s.older != null) {
            s.older.newer = s.newer;
        } else {
            entry.oldest = s.newer;
        }
        if (s.newer != null) {
            s.newer.older = s.older;
        } else {
            entry.newest = s.older;
        }
        s.older = null;
        s.newer = null;
        s.address = null;
        move(entry, -1);
    }

    /** Moves {@code entry} to the list of its new count; an entry at zero is forgotten. */
    private void move(AddressEntry entry, int delta) {
        if (entry.count > 0) {
            if (entry.prevSameCount != null) {
                entry.prevSameCount.nextSameCount = entry.nextSameCount;
            } else {
                byCount[entry.count] = entry.nextSameCount;
            }
            if (entry.nextSameCount != null) {
                entry.nextSameCount.prevSameCount = entry.prevSameCount;
            }
        }
        entry.count += delta;
        total += delta;
        entry.prevSameCount = null;
        entry.nextSameCount = null;
        if (entry.count == 0) {
            entries.remove(entry.key);
        } else {
            entry.nextSameCount = byCount[entry.count];
            if (entry.nextSameCount != null) {
                entry.nextSameCount.prevSameCount = entry;
            }
            byCount[entry.count] = entry;
            highest = Math.max(highest, entry.count);
        }
        while (highest > 0 && byCount[highest] == null) {
            highest--;
        }
    }

    /** Connections held or being upgraded. */
    public synchronized int connections() {
        return total;
    }

    /** Distinct addresses holding them; never more than {@link #connections()}. */
    public synchronized int addresses() {
        return entries.size();
    }
}
