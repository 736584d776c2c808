package io.streamhub.tracker.swarm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamhub.tracker.protocol.Offer;
import io.streamhub.tracker.protocol.Replies;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/**
 * Offers matched by locality, on the real swarm code: the order of preference, the fallback, and
 * a measurement with simulated viewers spread over prefixes and zones, locality on against off
 * (figures printed; docs/benchmarks.md, "Locality").
 */
class SwarmLocalityTest {

    static final int OFFERS = 10;
    static final SwarmListener NONE = new SwarmListener() {
        @Override
        public void peerAdded() {
        }

        @Override
        public void peerRemoved() {
        }
    };
    static final SwarmKey KEY = new SwarmKey("app", "room", 0, "h".repeat(20));

    /** Where a simulated viewer is: prefix and zone as the tracker keys them (0: unknown). */
    record Viewer(long prefix, int zone) {
    }

    static SwarmRegistry registry(boolean locality) {
        return new SwarmRegistry(100_000, 64, locality, NONE);
    }

    static Peer join(SwarmRegistry registry, int i, Viewer v) {
        Swarm.Join j = registry.join(KEY, SwarmTest.id(i), Replies.quoteUtf8(SwarmTest.id(i)), new SwarmTest.Link(), v.prefix(), v.zone(), false, 1000);
        assertNotNull(j.peer(), () -> "join refused: " + j.refusal());
        return j.peer();
    }

    static Map<OfferMatch, Integer> matches(Peer from, Peer[] targets) {
        Map<OfferMatch, Integer> m = new EnumMap<>(OfferMatch.class);
        for (OfferMatch k : OfferMatch.values()) {
            m.put(k, 0);
        }
        for (Peer t : targets) {
            m.merge(Swarm.match(from, t), 1, Integer::sum);
        }
        return m;
    }

    @Test
    void offersGoToThePrefixFirstThenTheZoneThenAnyone() {
        SwarmRegistry registry = registry(true);
        Peer from = join(registry, 0, new Viewer(1, 7));
        int i = 1;
        for (int k = 0; k < 2; k++) {
            join(registry, i++, new Viewer(1, 8)); // same prefix, another zone
        }
        for (int k = 0; k < 3; k++) {
            join(registry, i++, new Viewer(100 + k, 7)); // same zone
        }
        for (int k = 0; k < 10; k++) {
            join(registry, i++, new Viewer(200 + k, 9));
        }
        for (int round = 0; round < 20; round++) {
            Peer[] targets = from.swarm().offerTargets(from, SwarmTest.offers(6), 5000);
            assertEquals(6, new HashSet<>(List.of(targets)).size());
            assertEquals(Map.of(OfferMatch.PREFIX, 2, OfferMatch.ZONE, 3, OfferMatch.OTHER, 1), matches(from, targets));
        }
        Peer[] few = from.swarm().offerTargets(from, SwarmTest.offers(3), 5000);
        assertEquals(Map.of(OfferMatch.PREFIX, 2, OfferMatch.ZONE, 1, OfferMatch.OTHER, 0), matches(from, few));
    }

    @Test
    void everyAnnounceGetsAsManyTargetsAsWithoutLocality() {
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            SwarmRegistry registry = registry(true);
            int size = 1 + random.nextInt(40);
            List<Peer> peers = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                peers.add(join(registry, i, new Viewer(random.nextInt(4), random.nextInt(3))));
            }
            Peer from = peers.get(random.nextInt(size));
            int offers = 1 + random.nextInt(OFFERS);
            Peer[] targets = from.swarm().offerTargets(from, SwarmTest.offers(offers), 5000);
            Set<Peer> distinct = new HashSet<>(List.of(targets));
            assertEquals(Math.min(offers, size - 1), distinct.size(), "small groups are filled from the rest");
            assertTrue(!distinct.contains(from));
        }
    }

    @Test
    void withLocalityOffNoIndexIsKeptAndOffersAreStillClassified() {
        SwarmRegistry registry = registry(false);
        Peer a = join(registry, 0, new Viewer(1, 0));
        join(registry, 1, new Viewer(1, 0));
        assertArrayEquals(new int[3], a.swarm().localityIndex());
        Peer[] targets = a.swarm().offerTargets(a, SwarmTest.offers(1), 5000);
        assertEquals(OfferMatch.PREFIX, Swarm.match(a, targets[0]));
    }

    @Test
    void peersThatLeaveLeaveTheirGroups() {
        SwarmRegistry registry = registry(true);
        List<Peer> peers = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            peers.add(join(registry, i, new Viewer(1 + i % 30, i % 2 == 0 ? 0 : 1 + i % 5)));
        }
        Swarm swarm = peers.get(0).swarm();
        assertEquals(30, swarm.localityIndex()[0]);
        assertEquals(5, swarm.localityIndex()[1]);
        Collections.shuffle(peers, new Random(3));
        for (Peer p : peers.subList(1, peers.size())) {
            registry.leave(p);
        }
        Peer last = peers.get(0);
        assertArrayEquals(new int[] {1, last.zone() == 0 ? 0 : 1}, Arrays.copyOf(swarm.localityIndex(), 2), "only the last peer's groups remain");
        assertTrue(swarm.localityIndex()[2] <= 16, "the tables shrank back: " + swarm.localityIndex()[2] + " slots");
    }

    // ---- measurement -------------------------------------------------------------------------

    /** What a simulated run counted: offers by match, and offers received per viewer. */
    record Outcome(long[] byMatch, int[] received) {
        double share(OfferMatch m) {
            return (double) byMatch[m.ordinal()] / Arrays.stream(byMatch).sum();
        }
    }

    /**
     * Every viewer joins one swarm; then in each round every viewer announces once with
     * {@link #OFFERS} offers, in a shuffled order, and the targets the swarm picks are counted.
     */
    static Outcome simulate(List<Viewer> viewers, boolean locality, int rounds, long seed) {
        SwarmRegistry registry = registry(locality);
        Peer[] peers = new Peer[viewers.size()];
        Map<Peer, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < peers.length; i++) {
            peers[i] = join(registry, i, viewers.get(i));
            index.put(peers[i], i);
        }
        Map<Long, Integer> prefixSizes = new java.util.HashMap<>();
        viewers.forEach(v -> prefixSizes.merge(v.prefix(), 1, Integer::sum));
        List<Offer> offers = SwarmTest.offers(OFFERS);
        long[] byMatch = new long[OfferMatch.values().length];
        int[] received = new int[peers.length];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < peers.length; i++) {
            order.add(i);
        }
        Random random = new Random(seed);
        for (int round = 0; round < rounds; round++) {
            Collections.shuffle(order, random);
            for (int i : order) {
                Peer from = peers[i];
                Peer[] targets = from.swarm().offerTargets(from, offers, 5000);
                int samePrefix = 0;
                for (Peer t : targets) {
                    OfferMatch m = Swarm.match(from, t);
                    byMatch[m.ordinal()]++;
                    received[index.get(t)]++;
                    samePrefix += m == OfferMatch.PREFIX ? 1 : 0;
                }
                // With locality, an announce takes its prefix's peers first, up to its offers; one
                // of them may go to a viewer owed offers.
                int prefixPeers = prefixSizes.get(from.prefix()) - 1;
                assertTrue(!locality || samePrefix >= Math.min(targets.length - 1, prefixPeers),
                        "same-prefix targets " + samePrefix + " of " + targets.length + ", prefix peers " + prefixPeers);
            }
        }
        return new Outcome(byMatch, received);
    }

    static String quantiles(int[] received, IntPredicate which) {
        int[] sorted = java.util.stream.IntStream.range(0, received.length).filter(which).map(i -> received[i]).sorted().toArray();
        if (sorted.length == 0) {
            return "-";
        }
        double mean = Arrays.stream(sorted).average().orElse(0);
        return String.format("min %d, p1 %d, p10 %d, median %d, p90 %d, max %d, mean %.1f", sorted[0], sorted[sorted.length / 100],
                sorted[sorted.length / 10], sorted[sorted.length / 2], sorted[sorted.length * 9 / 10], sorted[sorted.length - 1], mean);
    }

    /** Runs a population with locality on and off and prints what the docs report. */
    static Outcome compare(String name, List<Viewer> viewers, int rounds, Map<String, IntPredicate> parts) {
        Outcome on = simulate(viewers, true, rounds, 1);
        Outcome off = simulate(viewers, false, rounds, 1);
        System.out.printf("locality %s, %d viewers, %d rounds of %d offers each:%n", name, viewers.size(), rounds, OFFERS);
        System.out.printf("  on:  offers to same prefix %.1f %%, same zone %.1f %%, other %.1f %%%n",
                100 * on.share(OfferMatch.PREFIX), 100 * on.share(OfferMatch.ZONE), 100 * on.share(OfferMatch.OTHER));
        System.out.printf("  off: offers to same prefix %.1f %%, same zone %.1f %%, other %.1f %%%n",
                100 * off.share(OfferMatch.PREFIX), 100 * off.share(OfferMatch.ZONE), 100 * off.share(OfferMatch.OTHER));
        parts.forEach((part, which) -> {
            System.out.printf("  offers received per viewer, %s, on:  %s%n", part, quantiles(on.received(), which));
            System.out.printf("  offers received per viewer, %s, off: %s%n", part, quantiles(off.received(), which));
        });
        return on;
    }

    /** Named parts of a population, in order, for the printed figures. */
    static Map<String, IntPredicate> parts(Object... nameThenPredicate) {
        Map<String, IntPredicate> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < nameThenPredicate.length; i += 2) {
            out.put((String) nameThenPredicate[i], (IntPredicate) nameThenPredicate[i + 1]);
        }
        return out;
    }

    static List<Viewer> groups(int prefixes, int size, int zones, long firstPrefix) {
        List<Viewer> out = new ArrayList<>();
        for (int p = 0; p < prefixes; p++) {
            for (int k = 0; k < size; k++) {
                out.add(new Viewer(firstPrefix + p, zones == 0 ? 0 : 1 + p % zones));
            }
        }
        return out;
    }

    @Test
    void measuredOnPrefixesOfTenOrMoreViewersMostOffersStayInThePrefix() {
        IntPredicate all = i -> true;
        // 40 networks of 25 viewers in 5 zones; then 100 networks of exactly 10.
        Outcome wide = compare("40 prefixes x 25 viewers, 5 zones", groups(40, 25, 5, 1), 100, parts("all", all));
        Outcome ten = compare("100 prefixes x 10 viewers, 4 zones", groups(100, 10, 4, 1), 100, parts("all", all));
        // Deterministic: every announce takes at least min(offers - 1, prefix peers - 1) peers of its
        // prefix, so with 10 or more viewers per prefix and 10 offers at least 9 of 10 stay in the prefix.
        assertTrue(wide.share(OfferMatch.PREFIX) >= 0.8, "same-prefix share " + wide.share(OfferMatch.PREFIX));
        assertTrue(ten.share(OfferMatch.PREFIX) >= 0.8, "same-prefix share " + ten.share(OfferMatch.PREFIX));
        assertTrue(wide.share(OfferMatch.PREFIX) >= 0.9 && ten.share(OfferMatch.PREFIX) >= 0.9);
    }

    @Test
    void measuredOnMixedAudiencesTheViewersWithoutNeighboursStillReceiveOffers() {
        // An internet audience: most viewers alone in their network, some offices and campuses.
        Random random = new Random(11);
        List<Viewer> mixed = new ArrayList<>(groups(25, 10, 4, 1));
        mixed.addAll(groups(5, 50, 4, 1000));
        int grouped = mixed.size();
        for (int i = 0; i < 500; i++) {
            mixed.add(new Viewer(10_000 + i, 1 + random.nextInt(4)));
        }
        compare("mixed: 500 alone, 25 x 10, 5 x 50, 4 zones", mixed, 100,
                parts("alone in their prefix", (IntPredicate) i -> i >= grouped, "in a prefix of 10 or 50", (IntPredicate) i -> i < grouped));
        List<Viewer> noZones = new ArrayList<>();
        mixed.forEach(v -> noZones.add(new Viewer(v.prefix(), 0)));
        compare("mixed, no zone header", noZones, 100,
                parts("alone in their prefix", (IntPredicate) i -> i >= grouped, "in a prefix of 10 or 50", (IntPredicate) i -> i < grouped));
        List<Viewer> small = new ArrayList<>();
        for (int p = 0; p < 250; p++) {
            int size = 1 + random.nextInt(6);
            for (int k = 0; k < size; k++) {
                small.add(new Viewer(1 + p, 1 + p % 3));
            }
        }
        compare("prefixes of 1 to 6 viewers, 3 zones", small, 100, parts("all", (IntPredicate) i -> true));
        // The limit: a small group next to one that fills all its offers itself.
        List<Viewer> lopsided = new ArrayList<>(groups(1, 100, 0, 1));
        lopsided.addAll(groups(1, 3, 0, 2));
        compare("one prefix of 100 and one of 3, no zones", lopsided, 100,
                parts("the 3", (IntPredicate) i -> i >= 100, "the 100", (IntPredicate) i -> i < 100));
    }
}
