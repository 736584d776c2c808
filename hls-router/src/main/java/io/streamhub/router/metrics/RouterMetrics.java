package io.streamhub.router.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.streamhub.router.config.RouterConfig;
import io.streamhub.shared.HlsFileType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The router's Prometheus metrics. Meters are looked up once and kept, so the hot path only
 * increments. Names: {@code streamhub_router_*}; every meter carries the {@code role} tag.
 */
@ApplicationScoped
public class RouterMetrics {

    /** What the shield cache did for one request. */
    public enum CacheResult { HIT, MISS, COLLAPSED, STALE, NEGATIVE }

    private final MeterRegistry registry;
    private final String role;
    /** Per kind, counters indexed by status code: the hot path builds no key. */
    private final Map<String, Counter[]> requests = new ConcurrentHashMap<>();
    private final Map<CacheResult, Counter> cache = new EnumMap<>(CacheResult.class);
    private final Map<String, Timer> upstream = new ConcurrentHashMap<>();
    private final Counter bytesPlaylist;
    private final Counter bytesSegment;
    private final Counter upstreamBytes;
    private final Counter slowReaders;
    private final Counter slowDropped;

    public RouterMetrics(MeterRegistry registry, RouterConfig config) {
        this.registry = registry;
        this.role = config.role().label();
        for (CacheResult r : CacheResult.values()) {
            cache.put(r, Counter.builder("streamhub.router.cache.lookups")
                    .description("Shield cache outcomes per request")
                    .tag("role", role).tag("result", r.name().toLowerCase(java.util.Locale.ROOT))
                    .register(registry));
        }
        bytesPlaylist = bytes("playlist");
        bytesSegment = bytes("segment");
        upstreamBytes = Counter.builder("streamhub.router.upstream.bytes")
                .description("Body bytes fetched from upstreams").baseUnit("bytes").tag("role", role)
                .register(registry);
        slowReaders = Counter.builder("streamhub.router.stream.paused")
                .description("Times a streamed answer waited for a slow client's write queue to drain").tag("role", role)
                .register(registry);
        slowDropped = Counter.builder("streamhub.router.stream.dropped")
                .description("Streamed answers dropped because the client's write queue stayed full for the send timeout")
                .tag("role", role).register(registry);
    }

    /** A streamed answer waited for its client's write queue to drain (backpressure on a slow reader). */
    public void slowReader() {
        slowReaders.increment();
    }

    /** A streamed answer gave up on a client that stayed slow past the send timeout. */
    public void slowReaderDropped() {
        slowDropped.increment();
    }

    private Counter bytes(String kind) {
        return Counter.builder("streamhub.router.sent.bytes").description("Body bytes sent to clients")
                .baseUnit("bytes").tag("role", role).tag("kind", kind).register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public String role() {
        return role;
    }

    public void served(HlsFileType type, int status, long bodyBytes) {
        String kind = type.isPlaylist() ? "playlist" : "segment";
        request(kind, status);
        if (bodyBytes > 0) {
            (type.isPlaylist() ? bytesPlaylist : bytesSegment).increment(bodyBytes);
        }
    }

    /** Requests answered before they named an object: bad paths, methods, errors. */
    public void request(String kind, int status) {
        Counter[] byStatus = requests.computeIfAbsent(kind, k -> new Counter[600]);
        int i = status >= 100 && status < 600 ? status : 599;
        Counter c = byStatus[i];
        if (c == null) {
            // A race here registers the same meter twice, and Micrometer returns the same counter.
            c = Counter.builder("streamhub.router.requests").description("HLS requests by kind and status")
                    .tag("role", role).tag("kind", kind).tag("status", Integer.toString(status)).register(registry);
            byStatus[i] = c;
        }
        c.increment();
    }

    /**
     * Exports a bounded cache keyed by request data: {@code streamhub_router_directory_entries} and
     * {@code streamhub_router_directory_evictions_total} (by size or age), labelled {@code cache}.
     */
    public void watch(String name, com.github.benmanes.caffeine.cache.Cache<?, ?> store) {
        Gauge.builder("streamhub.router.directory.entries", store, com.github.benmanes.caffeine.cache.Cache::estimatedSize)
                .description("Entries of a bounded cache keyed by request data").tag("role", role).tag("cache", name).register(registry);
        FunctionCounter.builder("streamhub.router.directory.evictions", store, c -> c.stats().evictionCount())
                .description("Entries such a cache dropped for its size or their age").tag("role", role).tag("cache", name).register(registry);
    }

    public void cache(CacheResult result) {
        cache.get(result).increment();
    }

    public void upstream(String outcome, long nanos, long bytes) {
        upstream.computeIfAbsent(outcome, o -> Timer.builder("streamhub.router.upstream.duration")
                .description("Upstream fetches by outcome").tag("role", role).tag("outcome", o)
                .publishPercentileHistogram().register(registry)).record(nanos, TimeUnit.NANOSECONDS);
        if (bytes > 0) {
            upstreamBytes.increment(bytes);
        }
    }
}
