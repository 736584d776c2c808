package io.streamhub.redis;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * A cache keyed by what requests name (an app, a room), which anyone can invent: bounded by size (the
 * least used out first), an entry that says "nothing there" ({@code negative}) kept its
 * {@code negativeTtl}, any other until {@code idle} passes without a read. Evicting must always be
 * safe for its users: it only means asking Redis again. Statistics are on, for eviction metrics.
 * Caffeine instantiates the generated classes of this shape by name: registered here for native images.
 */
@RegisterForReflection(classNames = {"com.github.benmanes.caffeine.cache.SSSMSA", "com.github.benmanes.caffeine.cache.PSWMS"},
        methods = false, fields = true)
public final class BoundedCache {

    private BoundedCache() {
    }

    public static <K, V> Cache<K, V> build(long maxEntries, Predicate<V> negative, Duration negativeTtl, Duration idle) {
        long negativeNanos = negativeTtl.toNanos();
        long idleNanos = idle.toNanos();
        return Caffeine.newBuilder().maximumSize(maxEntries).executor(Runnable::run).recordStats().expireAfter(new Expiry<K, V>() {
            @Override
            public long expireAfterCreate(K key, V value, long now) {
                return negative.test(value) ? negativeNanos : idleNanos;
            }

            @Override
            public long expireAfterUpdate(K key, V value, long now, long left) {
                return expireAfterCreate(key, value, now);
            }

            @Override
            public long expireAfterRead(K key, V value, long now, long left) {
                return negative.test(value) ? left : idleNanos;
            }
        }).build();
    }
}
