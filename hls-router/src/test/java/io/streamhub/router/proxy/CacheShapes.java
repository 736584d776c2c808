package io.streamhub.router.proxy;

import com.github.benmanes.caffeine.cache.Cache;
import io.streamhub.redis.BoundedCache;
import io.streamhub.router.origin.SequenceStore;
import java.time.Duration;
import java.util.List;

/** One instance of each cache shape the router builds (the owner directory's is BoundedCache's), for the native-registration check. */
public final class CacheShapes {

    private CacheShapes() {
    }

    public static List<Cache<?, ?>> all() {
        return List.of(ShieldCache.newStore(1 << 20, (k, v, cause) -> { }), BoundedCache.build(10, v -> false, Duration.ofMillis(1), Duration.ofMillis(1)),
                SequenceStore.newStateCache());
    }
}
