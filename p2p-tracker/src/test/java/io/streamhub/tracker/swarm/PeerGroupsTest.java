package io.streamhub.tracker.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The locality index against a plain model: groups, sizes and turns survive any order of joins and leaves. */
class PeerGroupsTest {

    static Peer peer(int i, long prefix, int zone) {
        return new Peer(String.format("peer%016d", i), new byte[0], null, null, 4, prefix, zone);
    }

    /** Every member of {@code from}'s group other than itself, walking it once. */
    static Set<Peer> others(PeerGroups groups, Peer from) {
        int size = groups.sizeOf(from);
        Peer[] all = new Peer[Math.max(size, 1)];
        int t = groups.take(from, all, 0, all.length, null, 1, 1);
        return new HashSet<>(Arrays.asList(all).subList(0, t));
    }

    @Test
    void matchesAModelThroughRandomJoinsAndLeaves() {
        Random random = new Random(31);
        for (boolean zone : new boolean[] {false, true}) {
            PeerGroups groups = new PeerGroups(zone);
            Map<Long, Set<Peer>> model = new HashMap<>();
            List<Peer> in = new ArrayList<>();
            int maxCapacity = 0;
            for (int step = 0; step < 20_000; step++) {
                // Grow to ~600 peers over ~200 keys, shrink to none, grow again: the table rehashes both ways.
                boolean grow = step % 8000 < 4500 ? random.nextInt(10) < 7 : random.nextInt(10) < 2;
                if (grow || in.isEmpty()) {
                    long key = random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(200) * 0x1_0000_0001L;
                    Peer p = zone ? peer(step, 0, (int) key) : peer(step, key, 0);
                    groups.add(p);
                    in.add(p);
                    if (key != 0) {
                        model.computeIfAbsent(groups.keyOf(p), k -> new LinkedHashSet<>()).add(p);
                    }
                } else {
                    Peer p = in.remove(random.nextInt(in.size()));
                    groups.remove(p);
                    long key = groups.keyOf(p);
                    if (key != 0) {
                        Set<Peer> members = model.get(key);
                        members.remove(p);
                        if (members.isEmpty()) {
                            model.remove(key);
                        }
                    }
                    assertNull(zone ? p.zoneNext : p.prefixNext, "a peer that left holds no link into its group");
                }
                maxCapacity = Math.max(maxCapacity, groups.capacity());
                assertEquals(model.size(), groups.groups());
                if (step % 97 == 0) {
                    for (Peer p : in) {
                        Set<Peer> expected = model.getOrDefault(groups.keyOf(p), Set.of(p));
                        assertEquals(groups.keyOf(p) == 0 ? 0 : expected.size(), groups.sizeOf(p));
                        if (groups.keyOf(p) != 0) {
                            Set<Peer> others = new HashSet<>(expected);
                            others.remove(p);
                            assertEquals(others, others(groups, p));
                        }
                    }
                }
            }
            assertTrue(maxCapacity <= 512, "at most ~200 groups at a time fit in 512 slots, had " + maxCapacity);
        }
    }

    @Test
    void membersAreTakenInTurnAndANewcomerIsNext() {
        PeerGroups groups = new PeerGroups(false);
        List<Peer> members = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Peer p = peer(i, 42, 0);
            groups.add(p);
            members.add(p);
        }
        Peer outsider = peer(99, 43, 0);
        groups.add(outsider);
        Map<Peer, Integer> received = new HashMap<>();
        // Each member offers to three others per round; in turn, every member receives three per round.
        for (int round = 0; round < 70; round++) {
            for (Peer from : members) {
                Peer[] targets = new Peer[3];
                assertEquals(3, groups.take(from, targets, 0, 3, null, 3, 1));
                for (Peer t : targets) {
                    assertTrue(t != from && members.contains(t));
                    received.merge(t, 1, Integer::sum);
                }
            }
        }
        for (Peer m : members) {
            assertTrue(Math.abs(received.get(m) - 210) <= 70 / 7 + 1, m.peerId() + " received " + received.get(m) + " of 210");
        }
        Peer newcomer = peer(100, 42, 0);
        groups.add(newcomer);
        Peer[] one = new Peer[1];
        groups.take(members.get(0), one, 0, 1, null, 1, 1);
        assertEquals(newcomer, one[0], "a newcomer is offered to first");
        assertEquals(Set.of(), others(groups, outsider), "another prefix is another group");
    }
}
