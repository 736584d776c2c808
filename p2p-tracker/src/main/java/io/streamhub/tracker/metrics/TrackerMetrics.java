package io.streamhub.tracker.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.streamhub.tracker.core.Refusal;
import io.streamhub.tracker.swarm.SwarmListener;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** The tracker's {@code streamhub_tracker_*} metrics. Counters are striped adders: cheap per message. */
@Singleton
public class TrackerMetrics implements SwarmListener {

    private final MeterRegistry registry;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger peers = new AtomicInteger();
    private final Counter announces;
    private final Counter scrapes;
    private final Counter offers;
    private final Counter answers;
    private final Counter bytesIn;
    private final Counter bytesOut;
    private final Counter messagesIn;
    private final Counter messagesOut;
    private final Map<Refusal, Counter> refusals = new EnumMap<>(Refusal.class);

    public TrackerMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("streamhub_tracker_connections", connections, AtomicInteger::get)
                .description("Open WebSocket connections").register(registry);
        Gauge.builder("streamhub_tracker_peers", peers, AtomicInteger::get)
                .description("Peers in all swarms").register(registry);
        announces = Counter.builder("streamhub_tracker_announces_total").description("Announces handled (answers excluded)").register(registry);
        scrapes = Counter.builder("streamhub_tracker_scrapes_total").description("Scrapes handled").register(registry);
        offers = Counter.builder("streamhub_tracker_offers_relayed_total").description("Offers relayed to peers").register(registry);
        answers = Counter.builder("streamhub_tracker_answers_relayed_total").description("Answers relayed to offering peers").register(registry);
        bytesIn = Counter.builder("streamhub_tracker_received_bytes_total").description("Text frame bytes received").register(registry);
        bytesOut = Counter.builder("streamhub_tracker_sent_bytes_total").description("Text frame bytes queued for sending").register(registry);
        messagesIn = Counter.builder("streamhub_tracker_received_messages_total").description("Text frames received").register(registry);
        messagesOut = Counter.builder("streamhub_tracker_sent_messages_total").description("Text frames queued for sending").register(registry);
        for (Refusal r : Refusal.values()) {
            refusals.put(r, Counter.builder("streamhub_tracker_refusals_total").tag("reason", r.tag())
                    .description("Requests or connections refused, by reason").register(registry));
        }
    }

    /** Registers the swarm count gauge once the registry of swarms exists. */
    public void swarmsGauge(Supplier<Number> count) {
        Gauge.builder("streamhub_tracker_swarms", count).description("Swarms with at least one peer").register(registry);
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

    public void offerRelayed() {
        offers.increment();
    }

    public void answerRelayed() {
        answers.increment();
    }

    public void received(int chars) {
        messagesIn.increment();
        bytesIn.increment(chars);
    }

    public void sent(int chars) {
        messagesOut.increment();
        bytesOut.increment(chars);
    }

    public void refused(Refusal refusal) {
        refusals.get(refusal).increment();
    }
}
