package io.streamhub.router;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.streamhub.router.origin.SequenceStore;

/**
 * What a native image needs registered beyond what the extensions do. Caffeine instantiates
 * generated cache and node classes by name, chosen by the cache's shape; quarkus-caffeine registers
 * the common shapes, not a weighted cache with variable expiry and a removal listener (the shield
 * cache). {@code NativeRegistrationsTest} fails if Caffeine ever picks a class missing here.
 */
@RegisterForReflection(classNames = {
        // ShieldCache: strong keys and values, listener, maximum weight, variable expiry
        "com.github.benmanes.caffeine.cache.SSLMWA",
        "com.github.benmanes.caffeine.cache.PSWMW",
        // SequenceStore: strong keys and values, maximum size
        "com.github.benmanes.caffeine.cache.SSMS",
        "com.github.benmanes.caffeine.cache.PSMS",
        // OwnerDirectory: strong keys and values, statistics, maximum size, variable expiry
        "com.github.benmanes.caffeine.cache.SSSMSA",
        "com.github.benmanes.caffeine.cache.PSWMS",
}, methods = false, fields = true)
public final class NativeRegistrations {

    private NativeRegistrations() {
    }
}
