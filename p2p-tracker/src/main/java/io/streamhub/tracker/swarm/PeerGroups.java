package io.streamhub.tracker.swarm;

import java.util.concurrent.ThreadLocalRandom;

/**
 * One swarm's peers grouped by a locality key, either the network prefix or the zone. A group is a
 * circular list threaded through its peers' own fields ({@code prefixNext}/{@code prefixPrev} or
 * {@code zoneNext}/{@code zonePrev}), found by key in an open-addressing table of primitives (key,
 * the group's next peer in turn, its size). So the index costs a peer two references and a group
 * one table slot, with no object per peer or per group. Key 0 means unknown: such a peer is in no
 * group. Guarded by the swarm's lock.
 */
final class PeerGroups {

    private static final int MIN_CAPACITY = 8;

    private final boolean byZone;
    private long[] keys; // 0: a free slot
    private Peer[] heads;
    private int[] sizes;
    private int mask;
    private int count;

    PeerGroups(boolean byZone) {
        this.byZone = byZone;
    }

    long keyOf(Peer p) {
        return byZone ? p.zone() : p.prefix();
    }

    /** Peers with {@code p}'s key, {@code p} included; 0 for an unknown key. */
    int sizeOf(Peer p) {
        int i = find(keyOf(p));
        return i < 0 ? 0 : sizes[i];
    }

    /** Groups in the index. */
    int groups() {
        return count;
    }

    /** Table slots, for the memory tests. */
    int capacity() {
        return keys == null ? 0 : keys.length;
    }

    /** Adds a new peer as its group's next in turn: a newcomer is offered to first. */
    void add(Peer p) {
        long key = keyOf(p);
        if (key == 0) {
            return;
        }
        int i = find(key);
        if (i < 0) {
            if (keys == null) {
                allocate(MIN_CAPACITY);
            } else if ((count + 1) * 4L > keys.length * 3L) {
                rehash(keys.length * 2);
            }
            i = home(key);
            while (keys[i] != 0) {
                i = (i + 1) & mask;
            }
            keys[i] = key;
            heads[i] = p;
            sizes[i] = 1;
            count++;
            link(p, p, p);
            return;
        }
        Peer head = heads[i];
        Peer tail = prev(head);
        link(p, tail, head);
        setNext(tail, p);
        setPrev(head, p);
        heads[i] = p;
        sizes[i]++;
    }

    void remove(Peer p) {
        int i = find(keyOf(p));
        if (i < 0) {
            return;
        }
        if (sizes[i] == 1) {
            removeSlot(i);
            count--;
            if (count == 0) {
                keys = null;
                heads = null;
                sizes = null;
            } else if (keys.length > MIN_CAPACITY && count * 8L < keys.length) {
                rehash(keys.length / 2);
            }
        } else {
            Peer next = next(p);
            Peer prev = prev(p);
            setNext(prev, next);
            setPrev(next, prev);
            if (heads[i] == p) {
                heads[i] = next;
            }
            sizes[i]--;
        }
        link(p, null, null);
    }

    /**
     * Adds to {@code targets[t..n)} peers of {@code from}'s group other than {@code from} and those
     * already chosen, in turn from the group's head, and moves the head past the last one looked at.
     * With {@code shortOf}, a first bounded pass favours peers whose own group in {@code shortOf}
     * is too small to fill {@code want} offers (each taken with probability shortfall / want, at
     * least 1 / (2 want)), so the peers that rely on this group for offers get them; a second pass
     * then takes the rest in turn. Returns the new count of targets.
     */
    int take(Peer from, Peer[] targets, int t, int n, PeerGroups shortOf, int want, int triesPerOffer) {
        int i = find(keyOf(from));
        if (i < 0 || t >= n) {
            return t;
        }
        int size = sizes[i];
        Peer cur = heads[i];
        if (shortOf != null) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (int v = 0, budget = Math.min(size, triesPerOffer * (n - t)); v < budget && t < n; v++) {
                // A peer with nothing missing keeps a small chance, 1 / (2 want): else a walk that meets a
                // long run of such peers (an office that joined together) would always run out of
                // looks at the same place and take the peers there plainly, again and again.
                if (cur != from && !Swarm.contains(targets, t, cur)
                        && random.nextInt(2 * want) < Math.max(2 * shortOf.shortfall(cur, want), 1)) {
                    targets[t++] = cur;
                }
                cur = next(cur);
            }
        }
        for (int v = 0; v < size && t < n; v++) {
            if (cur != from && !Swarm.contains(targets, t, cur)) {
                targets[t++] = cur;
            }
            cur = next(cur);
        }
        heads[i] = cur;
        return t;
    }

    /** Offers {@code p} misses from its own group when every peer makes {@code want}: 0..want. */
    int shortfall(Peer p, int want) {
        int others = sizeOf(p) - 1;
        return others >= want ? 0 : others <= 0 ? want : want - others;
    }

    private int find(long key) {
        if (key == 0 || keys == null) {
            return -1;
        }
        for (int i = home(key); ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) {
                return i;
            }
            if (k == 0) {
                return -1;
            }
        }
    }

    private int home(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    /** Linear probing's deletion without tombstones: later entries of the run move back into the hole. */
    private void removeSlot(int hole) {
        int i = hole;
        int j = hole;
        while (true) {
            j = (j + 1) & mask;
            long k = keys[j];
            if (k == 0) {
                break;
            }
            int h = home(k);
            boolean stays = i <= j ? i < h && h <= j : i < h || h <= j;
            if (!stays) {
                keys[i] = k;
                heads[i] = heads[j];
                sizes[i] = sizes[j];
                i = j;
            }
        }
        keys[i] = 0;
        heads[i] = null;
        sizes[i] = 0;
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        heads = new Peer[capacity];
        sizes = new int[capacity];
        mask = capacity - 1;
    }

    private void rehash(int capacity) {
        long[] oldKeys = keys;
        Peer[] oldHeads = heads;
        int[] oldSizes = sizes;
        allocate(capacity);
        for (int s = 0; s < oldKeys.length; s++) {
            if (oldKeys[s] != 0) {
                int i = home(oldKeys[s]);
                while (keys[i] != 0) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[s];
                heads[i] = oldHeads[s];
                sizes[i] = oldSizes[s];
            }
        }
    }

    private Peer next(Peer p) {
        return byZone ? p.zoneNext : p.prefixNext;
    }

    private Peer prev(Peer p) {
        return byZone ? p.zonePrev : p.prefixPrev;
    }

    private void setNext(Peer p, Peer next) {
        if (byZone) {
            p.zoneNext = next;
        } else {
            p.prefixNext = next;
        }
    }

    private void setPrev(Peer p, Peer prev) {
        if (byZone) {
            p.zonePrev = prev;
        } else {
            p.prefixPrev = prev;
        }
    }

    private void link(Peer p, Peer prev, Peer next) {
        setPrev(p, prev);
        setNext(p, next);
    }
}
