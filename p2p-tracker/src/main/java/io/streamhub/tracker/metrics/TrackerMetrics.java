package io.streamhub.tracker.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.streamhub.tracker.protocol.Refusal;
import io.streamhub.tracker.swarm.OfferMatch;
import io.streamhub.tracker.swarm.SwarmListener;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The tracker's {@code streamhub_tracker_*} metrics. Counters are plain {@link LongAdder}s that the
 * registry reads when scraped: a per-message increment then costs one uncontended add, not a walk
 * through Quarkus's composite registry.
 */
@Singleton
public class TrackerMetrics implements SwarmListener {

    private final MeterRegistry registry;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger peers = new AtomicInteger();
    private final LongAdder announces;
    private final LongAdder scrapes;
    private final LongAdder offers;
    private final LongAdder answers;
    private final LongAdder bytesIn;
    private final LongAdder bytesOut;
    private final LongAdder messagesIn;
    private final LongAdder messagesOut;
    private final Map<Refusal, LongAdder> refusals = new EnumMap<>(Refusal.class);
    private final LongAdder[] offersByMatch = new LongAdder[OfferMatch.values().length];

    public TrackerMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("streamhub.tracker.connections", connections, AtomicInteger::get)
                .description("Open WebSocket connections").register(registry);
        Gauge.builder("streamhub.tracker.peers", peers, AtomicInteger::get)
                .description("Peers in all swarms").register(registry);
        announces = counter("streamhub.tracker.announces", "Announces handled (answers excluded)", Tags.empty());
        scrapes = counter("streamhub.tracker.scrapes", "Scrapes handled", Tags.empty());
        offers = counter("streamhub.tracker.offers.relayed", "Offers relayed to peers", Tags.empty());
        answers = counter("streamhub.tracker.answers.relayed", "Answers relayed to offering peers", Tags.empty());
        bytesIn = counter("streamhub.tracker.received.bytes", "Text frame bytes received", Tags.empty());
        bytesOut = counter("streamhub.tracker.sent.bytes", "Text frame bytes sent, frame headers included", Tags.empty());
        messagesIn = counter("streamhub.tracker.received.messages", "Text frames received", Tags.empty());
        messagesOut = counter("streamhub.tracker.sent.messages", "Text frames sent", Tags.empty());
        for (OfferMatch m : OfferMatch.values()) {
            offersByMatch[m.ordinal()] = counter("streamhub.tracker.offers.locality",
                    "Offers relayed, by the target's place: same network prefix, else same zone, else other", Tags.of("match", m.tag()));
        }
        for (Refusal r : Refusal.values()) {
            refusals.put(r, counter("streamhub.tracker.refusals", "Requests or connections refused, by reason", Tags.of("reason", r.tag())));
        }
    }

    private LongAdder counter(String name, String description, Tags tags) {
        LongAdder adder = new LongAdder();
        FunctionCounter.builder(name, adder, LongAdder::doubleValue).description(description).tags(tags).register(registry);
        return adder;
    }

    /** Registers the swarm count gauge once the registry of swarms exists. */
    public void swarmsGauge(Supplier<Number> count) {
        Gauge.builder("streamhub.tracker.swarms", count).description("Swarms with at least one peer").register(registry);
    }

    /** Registers the gauge of distinct client addresses holding connections. */
    public void addressesGauge(Supplier<Number> count) {
        Gauge.builder("streamhub.tracker.addresses", count).description("Client addresses (IPv4, or IPv6 /64) holding connections").register(registry);
    }

    public void connectionOpened() {
        connections.incrementAndGet();
    }

    public void connectionClosed() {
        connections.decrementAndGet();
    }

    public int connections() {
        return connections.get();
    }

    @Override
    public void peerAdded() {
        peers.incrementAndGet();
    }

    @Override
    public void peerRemoved() {
        peers.decrementAndGet();
    }

    public void announce() {
        announces.increment();
    }

    public void scrape() {
        scrapes.increment();
    }

    /** An offer relayed to a peer that shares {@code match} with the offering peer. */
    public void offerRelayed(OfferMatch match) {
        offers.increment();
        offersByMatch[match.ordinal()].increment();
    }

    public void answerRelayed() {
        answers.increment();
    }

    public void received(int bytes) {
        messagesIn.increment();
        bytesIn.add(bytes);
    }

    public void sent(int bytes) {
        messagesOut.increment();
        bytesOut.add(bytes);
    }

    public void refused(Refusal refusal) {
        refusals.get(refusal).increment();
    }
}
