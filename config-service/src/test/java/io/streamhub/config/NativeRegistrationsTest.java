package io.streamhub.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.streamhub.config.stats.ReportLimiter;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.eclipse.jgit.internal.JGitText;
import org.junit.jupiter.api.Test;

/**
 * Guards native-image readiness without GraalVM: what the code loads by name or reflection must be
 * registered, and what it reads from the classpath must be declared.
 */
class NativeRegistrationsTest {

    static final List<String> REGISTERED = List.of(NativeRegistrations.class.getAnnotation(RegisterForReflection.class).classNames());

    @Test
    void theCaffeineClassesTheStatsLimiterUsesAreRegistered() throws Exception {
        ReportLimiter limiter = new ReportLimiter(20);
        for (String name : List.of("clients", "addresses")) {
            Cache<?, ?> cache = (Cache<?, ?>) field(limiter, name);
            Object local = cache.asMap();
            assertRegistered(local.getClass().getName());
            assertRegistered(field(local, "nodeFactory").getClass().getName());
        }
    }

    @Test
    void jgitsMessageBundleIsRegisteredAndDeclared() throws Exception {
        assertRegistered(JGitText.class.getName());
        // The bundle JGit fills the fields from, under the name the resource config declares.
        assertNotNull(ResourceBundle.getBundle(JGitText.class.getName(), Locale.ROOT));
        try (InputStream in = getClass().getResourceAsStream("/META-INF/native-image/io.streamhub/config-service/resource-config.json")) {
            JsonNode config = new ObjectMapper().readTree(in);
            assertEquals(JGitText.class.getName(), config.get("bundles").get(0).get("name").asText());
        }
    }

    @Test
    void theSchemaIsAResourceTheNativeImageIncludes() {
        assertNotNull(getClass().getResource("/schema/app-config.schema.json"), "the schema moved: update quarkus.native.resources.includes");
    }

    private static void assertRegistered(String className) {
        assertTrue(REGISTERED.contains(className), className + " is used but not in NativeRegistrations");
    }

    private static Object field(Object owner, String name) throws ReflectiveOperationException {
        for (Class<?> c = owner.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(owner);
            } catch (NoSuchFieldException e) {
                // keep looking up the hierarchy
            }
        }
        throw new NoSuchFieldException(name);
    }
}
