package io.streamhub.egress.reconcile;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.streamhub.egress.rooms.RoomStatus;
import jakarta.inject.Singleton;
import java.util.EnumMap;
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
    private final Map<RoomStatus, AtomicInteger> rooms = new EnumMap<>(RoomStatus.class);

    public EgressMetrics(MeterRegistry registry) {
        this.registry = registry;
        started = Counter.builder("streamhub.egress.started").description("Egress started").register(registry);
        startFailed = Counter.builder("streamhub.egress.start.failures").description("Egress starts that failed").register(registry);
        stopped = Counter.builder("streamhub.egress.stopped").description("Egress stopped (room ended, duplicate, operator)").register(registry);
        passes = Counter.builder("streamhub.egress.reconcile.passes").description("Reconcile passes").register(registry);
        lockBusy = Counter.builder("streamhub.egress.lock.busy").description("Room steps skipped: another replica held the room").register(registry);
        failedRooms = Counter.builder("streamhub.egress.rooms.failed")
                .description("Times a room was marked failed after repeated failed starts (it is retried on a long backoff)").register(registry);
        lockRenewals = Counter.builder("streamhub.egress.lock.renewals")
                .description("Room lock renewals during a long step (a slow LiveKit call)").register(registry);
        webhooks = Counter.builder("streamhub.egress.webhooks").tag("outcome", "accepted").description("LiveKit webhooks").register(registry);
        webhooksRejected = Counter.builder("streamhub.egress.webhooks").tag("outcome", "rejected").description("LiveKit webhooks").register(registry);
        for (RoomStatus status : RoomStatus.values()) {
            AtomicInteger n = new AtomicInteger();
            rooms.put(status, n);
            Gauge.builder("streamhub.egress.rooms", n, AtomicInteger::get).tag("state", status.wire())
                    .description("Rooms this replica reconciled in its last pass, by state (sum over replicas for the fleet)")
                    .register(registry);
        }
    }

    /** The states a whole pass saw (rooms another replica held are that replica's to count). */
    public void roomsSeen(Map<RoomStatus, Integer> byState) {
        rooms.forEach((status, n) -> n.set(byState.getOrDefault(status, 0)));
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
            Gauge.builder("streamhub.egress.livekit.reachable", v, AtomicInteger::get).tag("node", n)
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
