package io.streamhub.router.proxy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalListener;
import io.micrometer.core.instrument.Gauge;
import io.streamhub.router.config.RouterConfig;
import io.streamhub.router.metrics.RouterMetrics;
import io.streamhub.router.source.Tier;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The master's and edge's memory cache: LRU bounded by body bytes, with request collapsing. Any
 * number of concurrent misses for one key share one upstream fetch; there is no lock timeout, so
 * no herd is ever let through (the fetch itself has a deadline instead).
 *
 * <p>Each fetch in flight carries the {@link StreamingBody} its upstream fills, so waiters can be
 * given bytes before the object is complete.
 *
 * <p>Collapsing is exact because a finished fetch is stored before it leaves the in-flight map, and
 * whoever enters the map looks at the store once more.
 */
@ApplicationScoped
public class ShieldCache {

    /**
     * A load in progress: the leader started the upstream fetch, everyone else joined it.
     * {@code body} is the fetch's body as it arrives, or {@code null} when the load was answered
     * from the store.
     */
    public record Load(Future<CachedObject> future, StreamingBody body, boolean leader) {
    }

    private record Inflight(Future<CachedObject> future, StreamingBody body) {
    }

    private final Cache<String, CachedObject> store;
    private final Map<String, Inflight> inflight = new ConcurrentHashMap<>();

    public ShieldCache(RouterConfig config, RouterMetrics metrics, @Tier(Tier.Kind.PROXY) SegmentFiles files) {
        this.store = newStore(config.proxy().cacheMaxBytes(), (key, value, cause) -> {
            if (value != null && value.representation() != null && value.representation().file() != null) {
                files.discardLater(value.representation().file());
            }
        });
        Gauge.builder("streamhub.router.cache.objects", store, Cache::estimatedSize)
                .description("Objects in the shield cache").tag("role", metrics.role()).register(metrics.registry());
        Gauge.builder("streamhub.router.cache.weight", this, ShieldCache::weightedBytes)
                .description("Bytes held by the shield cache (bodies plus bookkeeping)").baseUnit("bytes")
                .tag("role", metrics.role()).register(metrics.registry());
        Gauge.builder("streamhub.router.cache.inflight", inflight, Map::size)
                .description("Upstream fetches in progress").tag("role", metrics.role()).register(metrics.registry());
    }

    /** The store's shape decides which generated Caffeine classes a native image needs (NativeRegistrations). */
    static Cache<String, CachedObject> newStore(long maxBytes, RemovalListener<String, CachedObject> onRemoval) {
        return Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String key, CachedObject value) -> value.weight())
                .expireAfter(new UntilStale())
                // Maintenance is a few pointer moves: doing it inline beats a hand-off per request.
                .executor(Runnable::run)
                .removalListener(onRemoval)
                .build();
    }

    public CachedObject peek(String key) {
        return store.getIfPresent(key);
    }

    /** Joins the fetch in flight for {@code key}, or starts one with {@code loader}, which fills the body it is given. */
    public Load load(String key, Function<StreamingBody, Future<CachedObject>> loader) {
        Promise<CachedObject> mine = Promise.promise();
        Inflight entry = new Inflight(mine.future(), new StreamingBody());
        Inflight pending = inflight.putIfAbsent(key, entry);
        if (pending != null) {
            return new Load(pending.future(), pending.body(), false);
        }
        CachedObject stored = store.getIfPresent(key);
        if (stored != null && stored.isFresh(System.currentTimeMillis())) {
            inflight.remove(key, entry);
            mine.complete(stored);
            return new Load(mine.future(), null, false);
        }
        loader.apply(entry.body()).onComplete(ar -> {
            if (ar.succeeded()) {
                store.put(key, ar.result());
            }
            inflight.remove(key, entry);
            mine.handle(ar);
        });
        return new Load(mine.future(), entry.body(), true);
    }

    long weightedBytes() {
        return store.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
    }

    /** Entries live until they may no longer be served even stale; immutable segments until evicted. */
    private static final class UntilStale implements Expiry<String, CachedObject> {
        @Override
        public long expireAfterCreate(String key, CachedObject value, long currentTime) {
            if (value.staleUntil() == CachedObject.FOREVER) {
                return Long.MAX_VALUE;
            }
            return TimeUnit.MILLISECONDS.toNanos(Math.max(0, value.staleUntil() - System.currentTimeMillis()));
        }

        @Override
        public long expireAfterUpdate(String key, CachedObject value, long currentTime, long currentDuration) {
            return expireAfterCreate(key, value, currentTime);
        }

        @Override
        public long expireAfterRead(String key, CachedObject value, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
