package io.streamhub.router.proxy;

import com.github.benmanes.caffeine.cache.Cache;
import io.streamhub.router.origin.SequenceStore;
import io.streamhub.router.ownership.OwnerDirectory;
import java.util.List;

/** One instance of each cache shape the router builds, for the native-registration check. */
public final class CacheShapes {

    private CacheShapes() {
    }

    public static List<Cache<?, ?>> all() {
        return List.of(ShieldCache.newStore(1 << 20, (k, v, cause) -> { }), OwnerDirectory.newRoomCache(10, v -> false, 1, 1),
                SequenceStore.newStateCache());
    }
}
