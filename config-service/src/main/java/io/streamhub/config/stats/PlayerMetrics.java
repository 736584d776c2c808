package io.streamhub.config.stats;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

/**
 * {@code streamhub_player_bytes_total{app,source="http|p2p"}}: what players received, so the P2P
 * offload is measured, not claimed. Labels are bounded: only apps with a config are counted.
 */
@Singleton
public class PlayerMetrics {

    private final MeterRegistry registry;

    public PlayerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void add(String app, long httpBytes, long p2pBytes) {
        bytes(app, "http").increment(httpBytes);
        bytes(app, "p2p").increment(p2pBytes);
        Counter.builder("streamhub_player_reports_total").tag("app", app).description("Player stats reports accepted")
                .register(registry).increment();
    }

    private Counter bytes(String app, String source) {
        return Counter.builder("streamhub_player_bytes_total").tag("app", app).tag("source", source)
                .description("Bytes players received, by source").register(registry);
    }
}
