package io.streamhub.tracker.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamhub.tracker.protocol.Offer;
import io.streamhub.tracker.protocol.RawJson;
import io.streamhub.tracker.protocol.Replies;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SwarmTest {

    static final class Link implements PeerLink {
        final List<String> sent = new ArrayList<>();

        @Override
        public boolean send(String frame) {
            sent.add(frame);
            return true;
        }

        @Override
        public boolean send(byte[] utf8Frame) {
            return send(new String(utf8Frame, java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override
        public void close(int code, String reason) {
        }
    }

    final AtomicInteger peers = new AtomicInteger();
    final SwarmRegistry registry = new SwarmRegistry(5, 2, false, new SwarmListener() {
        @Override
        public void peerAdded() {
            peers.incrementAndGet();
        }

        @Override
        public void peerRemoved() {
            peers.decrementAndGet();
        }
    });
    final SwarmKey key = new SwarmKey("app", "room", 0, "h".repeat(20));

    static String id(int i) {
        return String.format("peer%016d", i);
    }

    Peer join(int i, PeerLink link) {
        Swarm.Join j = registry.join(key, id(i), Replies.quoteUtf8(id(i)), link, 0, 0, false, 1000);
        assertNotNull(j.peer(), () -> "join refused: " + j.refusal());
        return j.peer();
    }

    static List<Offer> offers(int n) {
        List<Offer> offers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            offers.add(new Offer(String.format("offer%015d", i), new RawJson(new byte[] {'{', '}'}, 0, 2)));
        }
        return offers;
    }

    @Test
    void peerIdIsBoundToItsConnection() {
        Link a = new Link();
        Peer p = join(1, a);
        assertSame(p, registry.join(key, id(1), Replies.quoteUtf8("x"), a, 0, 0, false, 2000).peer(), "the same connection re-announces");
        assertEquals(Swarm.JoinRefusal.PEER_ID_TAKEN, registry.join(key, id(1), Replies.quoteUtf8("x"), new Link(), 0, 0, false, 2000).refusal());
        assertEquals(1, peers.get());
    }

    @Test
    void fullSwarmRefusesNewPeers() {
        for (int i = 0; i < 5; i++) {
            join(i, new Link());
        }
        assertEquals(Swarm.JoinRefusal.FULL, registry.join(key, id(9), Replies.quoteUtf8("x"), new Link(), 0, 0, false, 1000).refusal());
    }

    @Test
    void offersGoToDistinctOtherPeers() {
        Peer from = join(0, new Link());
        for (int i = 1; i < 5; i++) {
            join(i, new Link());
        }
        for (int round = 0; round < 50; round++) {
            Peer[] targets = from.swarm().offerTargets(from, offers(3), 5000);
            Set<Peer> distinct = new HashSet<>(List.of(targets));
            assertEquals(3, distinct.size());
            assertTrue(!distinct.contains(from));
        }
        assertEquals(4, from.swarm().offerTargets(from, offers(10), 5000).length, "a small swarm gets every other peer");
    }

    @Test
    void anAnswerIsRelayedOnlyForAnOfferReallySentToTheAnswerer() {
        Peer a = join(0, new Link());
        Peer b = join(1, new Link());
        Peer c = join(2, new Link());
        Offer offer = offers(1).get(0);
        Peer[] targets = a.swarm().offerTargets(a, List.of(offer), 5000);
        Peer receiver = targets[0];
        Peer bystander = receiver == b ? c : b;
        Swarm swarm = a.swarm();
        assertNull(swarm.answerTarget(bystander, a.peerId(), offer.offerId(), 2000), "not relayed to the bystander");
        assertNull(swarm.answerTarget(receiver, bystander.peerId(), offer.offerId(), 2000), "wrong offerer");
        assertSame(a, swarm.answerTarget(receiver, a.peerId(), offer.offerId(), 2000));
        assertNull(swarm.answerTarget(receiver, a.peerId(), offer.offerId(), 2000), "only once");
        Peer[] again = swarm.offerTargets(a, List.of(offer), 5000);
        assertNull(swarm.answerTarget(again[0], a.peerId(), offer.offerId(), 6000), "expired");
    }

    @Test
    void pendingOffersAreCappedOldestFirst() {
        Peer a = join(0, new Link());
        Peer b = join(1, new Link());
        List<Offer> three = offers(3);
        for (Offer o : three) {
            a.swarm().offerTargets(a, List.of(o), 5000);
        }
        assertNull(a.swarm().answerTarget(b, a.peerId(), three.get(0).offerId(), 2000));
        assertSame(a, a.swarm().answerTarget(b, a.peerId(), three.get(2).offerId(), 2000));
    }

    @Test
    void emptySwarmIsRemovedAndCountsStayRight() {
        Peer a = join(0, new Link());
        Peer b = join(1, new Link());
        Swarm swarm = a.swarm();
        swarm.update(b, true, false, 2000);
        assertEquals(1, swarm.counts()[0], "complete");
        assertEquals(1, swarm.counts()[1], "incomplete");
        registry.leave(b);
        assertEquals(0, swarm.counts()[0], "complete");
        registry.leave(a);
        registry.leave(a);
        assertEquals(0, peers.get());
        assertNull(registry.find(key));
        assertNotNull(join(3, new Link()).swarm(), "a new swarm replaces the closed one");
        assertEquals(1, registry.count());
    }

    @Test
    void silentPeersAreFound() {
        Peer a = join(0, new Link());
        join(1, new Link()).swarm().update(a, false, false, 9000);
        List<Peer> silent = a.swarm().silentPeers(5000, 9000);
        assertEquals(1, silent.size());
        assertEquals(id(1), silent.get(0).peerId());
    }
}
