package io.streamhub.router;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Cache;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.streamhub.router.proxy.CacheShapes;
import java.lang.reflect.Field;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Guards native-image readiness without GraalVM: the Caffeine classes our caches really use must be
 * registered for reflection, since Caffeine loads them by name.
 */
class NativeRegistrationsTest {

    static final List<String> REGISTERED = List.of(NativeRegistrations.class.getAnnotation(RegisterForReflection.class).classNames());

    @Test
    void everyCaffeineClassOurCachesUseIsRegistered() throws Exception {
        for (Cache<?, ?> cache : CacheShapes.all()) {
            Object local = cache.asMap();
            assertRegistered(local.getClass().getName());
            assertRegistered(nodeFactoryOf(local).getClass().getName());
        }
    }

    private static void assertRegistered(String className) {
        assertTrue(REGISTERED.contains(className), className + " is used but not in NativeRegistrations");
    }

    private static Object nodeFactoryOf(Object boundedCache) throws ReflectiveOperationException {
        for (Class<?> c = boundedCache.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField("nodeFactory");
                f.setAccessible(true);
                return f.get(boundedCache);
            } catch (NoSuchFieldException e) {
                // keep looking up the hierarchy
            }
        }
        throw new NoSuchFieldException("nodeFactory");
    }
}
