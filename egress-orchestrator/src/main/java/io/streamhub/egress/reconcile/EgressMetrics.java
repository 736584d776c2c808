package io.streamhub.egress.reconcile;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** {@code streamhub_egress_*} metrics, and LiveKit reachability per node for readiness. */
@Singleton
public class EgressMetrics {

    private final MeterRegistry registry;
    private final Counter started;
    private final Counter startFailed;
    private final Counter stopped;
    private final Counter passes;
    private final Counter lockBusy;
    private final Counter failedRooms;
    private final Counter lockRenewals;
    private final Counter webhooks;
    private final Counter webhooksRejected;
    private final Map<String, AtomicInteger> reachable = new ConcurrentHashMap<>();

    public EgressMetrics(MeterRegistry registry) {
        this.registry = registry;
        started = Counter.builder("streamhub_egress_started_total").description("Egress started").register(registry);
        startFailed = Counter.builder("streamhub_egress_start_failures_total").description("Egress starts that failed").register(registry);
        stopped = Counter.builder("streamhub_egress_stopped_total").description("Egress stopped (room ended, duplicate, operator)").register(registry);
        passes = Counter.builder("streamhub_egress_reconcile_passes_total").description("Reconcile passes").register(registry);
        lockBusy = Counter.builder("streamhub_egress_lock_busy_total").description("Room steps skipped: another replica held the room").register(registry);
        failedRooms = Counter.builder("streamhub_egress_rooms_failed_total")
                .description("Times a room was marked failed after repeated failed starts (it is retried on a long backoff)").register(registry);
        lockRenewals = Counter.builder("streamhub_egress_lock_renewals_total")
                .description("Room lock renewals during a long step (a slow LiveKit call)").register(registry);
        webhooks = Counter.builder("streamhub_egress_webhooks_total").tag("outcome", "accepted").description("LiveKit webhooks").register(registry);
        webhooksRejected = Counter.builder("streamhub_egress_webhooks_total").tag("outcome", "rejected").description("LiveKit webhooks").register(registry);
    }

    public void started() {
        started.increment();
    }

    public void startFailed() {
        startFailed.increment();
    }

    public void stopped() {
        stopped.increment();
    }

    public void pass() {
        passes.increment();
    }

    public void failedRoom() {
        failedRooms.increment();
    }

    public void lockRenewed() {
        lockRenewals.increment();
    }

    public void lockBusy() {
        lockBusy.increment();
    }

    public void webhook(boolean accepted) {
        (accepted ? webhooks : webhooksRejected).increment();
    }

    public void nodeReachable(String node, boolean up) {
        reachable.computeIfAbsent(node, n -> {
            AtomicInteger v = new AtomicInteger();
            Gauge.builder("streamhub_egress_livekit_reachable", v, AtomicInteger::get).tag("node", n)
                    .description("1 when the node's LiveKit API answered the last pass").register(registry);
            return v;
        }).set(up ? 1 : 0);
    }

    /** Last known reachability per node (1 up, 0 down). */
    public Map<String, Integer> reachability() {
        Map<String, Integer> m = new java.util.TreeMap<>();
        reachable.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }
}
