package io.streamhub.tracker.core;

import io.streamhub.tracker.config.TrackerConfig;
import io.streamhub.tracker.metrics.TrackerMetrics;
import io.streamhub.tracker.protocol.Action;
import io.streamhub.tracker.protocol.AnnounceEvent;
import io.streamhub.tracker.protocol.Offer;
import io.streamhub.tracker.protocol.Refusal;
import io.streamhub.tracker.protocol.Replies;
import io.streamhub.tracker.protocol.TrackerRequest;
import io.streamhub.tracker.swarm.Peer;
import io.streamhub.tracker.swarm.Swarm;
import io.streamhub.tracker.swarm.SwarmKey;
import io.streamhub.tracker.swarm.SwarmRegistry;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The WebTorrent tracker protocol over one process's swarms: announce (join, offers relayed to
 * other peers, near ones first), answer (relayed only to the peer whose offer it answers), stopped, scrape.
 * Transport-free: it reads decoded requests and writes frames to {@link Session#link()}. A plain
 * singleton (no client proxy): it is called for every frame.
 */
@Singleton
public class TrackerCore {

    private final SwarmRegistry swarms;
    private final TrackerMetrics metrics;
    private final long intervalSeconds;
    private final long offerTtlMs;
    private final int maxSwarmsPerConnection;

    public TrackerCore(TrackerConfig config, TrackerMetrics metrics) {
        this.metrics = metrics;
        this.swarms = new SwarmRegistry(config.maxPeersPerSwarm(), config.maxPendingOffersPerPeer(), config.locality().enabled(), metrics);
        metrics.swarmsGauge(swarms::count);
        this.intervalSeconds = config.announceInterval().toSeconds();
        this.offerTtlMs = config.offerTtl().toMillis();
        this.maxSwarmsPerConnection = config.maxSwarmsPerConnection();
    }

    /** Handles a request whose app policy and origin were already checked. */
    public void handle(Session session, TrackerRequest request, long now) {
        session.touch(now);
        if (request.action() == Action.ANNOUNCE && request.isAnswer()) {
            answer(session, request, now);
            return;
        }
        if (!session.tryAnnounce(now)) {
            refuse(session, Refusal.RATE_LIMITED, "rate limited: too many announces", request.action(), request.infoHash());
            return;
        }
        if (!session.addressAllows(now)) {
            refuse(session, Refusal.ADDRESS_RATE_LIMITED, "rate limited: too many announces from this address", request.action(), request.infoHash());
            return;
        }
        if (request.action() == Action.SCRAPE) {
            scrape(session, request);
        } else {
            announce(session, request, now);
        }
    }

    private void announce(Session session, TrackerRequest request, long now) {
        metrics.announce();
        String infoHash = request.infoHash();
        Peer peer = session.peer(infoHash);
        if (peer != null && !peer.peerId().equals(request.peerId())) {
            refuse(session, Refusal.PEER_ID_TAKEN, "peer_id differs from this connection's earlier announce", Action.ANNOUNCE, infoHash);
            return;
        }
        if (request.event() == AnnounceEvent.STOPPED) {
            int[] counts = {0, 0};
            if (peer != null) {
                session.removePeer(peer);
                Swarm swarm = peer.swarm();
                swarms.leave(peer);
                counts = swarm.counts();
            }
            session.link().send(Replies.announce(Replies.quote(infoHash), intervalSeconds, counts[0], counts[1]));
            return;
        }
        boolean completed = request.event() == AnnounceEvent.COMPLETED;
        if (peer == null) {
            if (session.swarmCount() >= maxSwarmsPerConnection) {
                refuse(session, Refusal.TOO_MANY_SWARMS, "too many swarms on one connection (max " + maxSwarmsPerConnection + ")", Action.ANNOUNCE, infoHash);
                return;
            }
            SwarmKey key = new SwarmKey(session.app(), session.room(), session.shard(), infoHash);
            Swarm.Join join = swarms.join(key, request.peerId(), Replies.quoteUtf8(request.peerId()), session.link(),
                    session.prefix(), session.zone(), request.seeder() || completed, now);
            if (join.refusal() == Swarm.JoinRefusal.PEER_ID_TAKEN) {
                refuse(session, Refusal.PEER_ID_TAKEN, "peer_id is in use by another connection", Action.ANNOUNCE, infoHash);
                return;
            }
            if (join.refusal() == Swarm.JoinRefusal.FULL) {
                refuse(session, Refusal.SWARM_FULL, "swarm is full", Action.ANNOUNCE, infoHash);
                return;
            }
            peer = join.peer();
            session.addPeer(infoHash, peer);
        }
        Swarm swarm = peer.swarm();
        swarm.update(peer, request.seeder(), completed, now);
        int[] counts = swarm.counts();
        session.link().send(Replies.announce(swarm.quotedInfoHash(), intervalSeconds, counts[0], counts[1]));
        if (!completed) {
            relayOffers(peer, request.offers(), now);
        }
    }

    private void relayOffers(Peer from, List<Offer> offers, long now) {
        if (offers.isEmpty()) {
            return;
        }
        Swarm swarm = from.swarm();
        Peer[] targets = swarm.offerTargets(from, offers, now + offerTtlMs);
        for (int i = 0; i < targets.length; i++) {
            Offer offer = offers.get(i);
            if (targets[i].link().send(Replies.offer(offer.offer(), offer.offerId(), from.quotedPeerId(), swarm.quotedInfoHashUtf8()))) {
                metrics.offerRelayed(Swarm.match(from, targets[i]));
            }
        }
    }

    private void answer(Session session, TrackerRequest request, long now) {
        Peer peer = session.peer(request.infoHash());
        if (peer == null || !peer.peerId().equals(request.peerId())) {
            refuse(session, Refusal.NOT_IN_SWARM, "answer from a peer that has not announced", Action.ANNOUNCE, request.infoHash());
            return;
        }
        Swarm swarm = peer.swarm();
        Peer to = swarm.answerTarget(peer, request.toPeerId(), request.offerId(), now);
        if (to == null) {
            refuse(session, Refusal.UNKNOWN_OFFER, "no such offer was relayed to this peer", Action.ANNOUNCE, request.infoHash());
            return;
        }
        swarm.seen(peer, now);
        if (to.link().send(Replies.answer(request.answer(), request.offerId(), peer.quotedPeerId(), swarm.quotedInfoHashUtf8()))) {
            metrics.answerRelayed();
        }
    }

    private void scrape(Session session, TrackerRequest request) {
        metrics.scrape();
        List<String> hashes = request.infoHashes();
        String[] quoted = new String[hashes.size()];
        int[][] counts = new int[hashes.size()][];
        for (int i = 0; i < quoted.length; i++) {
            Swarm swarm = swarms.find(new SwarmKey(session.app(), session.room(), session.shard(), hashes.get(i)));
            quoted[i] = swarm != null ? swarm.quotedInfoHash() : Replies.quote(hashes.get(i));
            counts[i] = swarm != null ? swarm.counts() : new int[] {0, 0, 0};
        }
        session.link().send(Replies.scrape(quoted, counts));
    }

    /** Sends a failure reason and counts it. */
    public void refuse(Session session, Refusal refusal, String reason, Action action, String infoHash) {
        metrics.refused(refusal);
        session.link().send(Replies.failure(reason, action, infoHash));
    }

    /** Drops every peer of a closed or dropped connection (clients rarely send stopped). */
    public void disconnect(Session session) {
        for (Peer peer : session.peers()) {
            swarms.leave(peer);
        }
    }

    /** Drops peers silent since {@code silentBefore}; returns how many. */
    public int expireSilentPeers(Iterable<Session> sessions, long silentBefore, long now) {
        int expired = 0;
        for (Swarm swarm : swarms.all()) {
            for (Peer peer : swarm.silentPeers(silentBefore, now)) {
                swarms.leave(peer);
                expired++;
            }
        }
        for (Session s : sessions) {
            for (Peer p : s.peers()) {
                if (!p.swarm().contains(p)) {
                    s.removePeer(p);
                }
            }
        }
        return expired;
    }
}
