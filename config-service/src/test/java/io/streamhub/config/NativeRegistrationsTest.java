package io.streamhub.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.streamhub.viewing.stats.ReportLimiter;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.ResourceBundle;
import java.util.Timer;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.jar.JarFile;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.eclipse.jgit.internal.JGitText;
import org.junit.jupiter.api.Test;

/**
 * Guards native-image readiness without GraalVM: what the code loads by name or reflection must be
 * registered, and what it reads from the classpath must be declared.
 */
class NativeRegistrationsTest {

    /** What must not be created while the image is built. */
    static final List<Class<?>> RUN_TIME_STATE = List.of(RandomGenerator.class, Executor.class, Thread.class, Timer.class);

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
    void noClassOfOursHoldsAStaticGeneratorExecutorOrThread() throws Exception {
        // Quarkus initialises application classes at image build time; such state belongs in a bean.
        assertEquals(List.of(), classesWithStaticRunTimeState(NativeRegistrations.class));
    }

    @Test
    void exactlyTheJgitClassesThatStartRunTimeStateAtInitialisationAreInitialisedAtRunTime() throws Exception {
        List<String> runTime = initialisedAtRunTime();
        List<String> needed = new ArrayList<>();
        for (String holder : classesWithStaticRunTimeState(JGitText.class)) {
            if (startsRunTimeState(holder)) {
                needed.add(holder);
            }
        }
        assertTrue(needed.containsAll(List.of("org.eclipse.jgit.util.FileUtils", "org.eclipse.jgit.lib.internal.WorkQueue")),
                "the scan finds the generator and the thread the image builder refused: " + needed);
        // Not one more either: JGit's objects of a run-time class must not be reachable from a
        // build-time constant, which the builder refuses as well (FS$FileStoreAttributes is one).
        assertEquals(new TreeSet<>(needed), new TreeSet<>(runTime),
                "--initialize-at-run-time in native-image.properties must list exactly these");
    }

    /**
     * Whether initialising the class leaves a random generator, a timer or a started thread in
     * one of its static fields: what the image builder refuses. An executor that has not started
     * a thread yet (a core size of 0, say) is fine.
     */
    private boolean startsRunTimeState(String className) throws Exception {
        Class<?> type = Class.forName(className, true, getClass().getClassLoader());
        for (Field f : type.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                continue;
            }
            f.setAccessible(true);
            Object value = f.get(null);
            if (value instanceof RandomGenerator || value instanceof Timer
                    || value instanceof Thread t && t.isAlive()
                    || value instanceof ThreadPoolExecutor pool && pool.getPoolSize() > 0) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theSchemaIsAResourceTheNativeImageIncludes() {
        assertNotNull(getClass().getResource("/schema/app-config.schema.json"), "the schema moved: update quarkus.native.resources.includes");
    }

    /** The classes config-service's native-image.properties keeps out of build-time initialisation. */
    private List<String> initialisedAtRunTime() throws Exception {
        Properties properties = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/native-image/io.streamhub/config-service/native-image.properties")) {
            assertNotNull(in, "config-service's native-image.properties");
            properties.load(in);
        }
        String prefix = "--initialize-at-run-time=";
        return Arrays.stream(properties.getProperty("Args", "").trim().split("\\s+"))
                .filter(a -> a.startsWith(prefix))
                .flatMap(a -> Arrays.stream(a.substring(prefix.length()).split(",")))
                .toList();
    }

    /**
     * The classes of one code source (a jar or a class directory) that load on this class path, as
     * in the image, with a static field holding a random generator, an executor or a thread. Built
     * at image build time, a generator's seed would be the same in every binary and a started
     * thread would not run at all; GraalVM refuses both.
     */
    private List<String> classesWithStaticRunTimeState(Class<?> member) throws Exception {
        Path source = Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(source)) {
            try (Stream<Path> files = Files.walk(source)) {
                files.map(f -> source.relativize(f).toString()).forEach(names::add);
            }
        } else {
            try (JarFile file = new JarFile(source.toFile())) {
                Collections.list(file.entries()).forEach(e -> names.add(e.getName()));
            }
        }
        List<String> holders = new ArrayList<>();
        for (String name : names) {
            if (!name.endsWith(".class") || name.endsWith("module-info.class")) {
                continue;
            }
            Class<?> type;
            try {
                type = Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false, getClass().getClassLoader());
                type.getDeclaredFields();
            } catch (LinkageError e) {
                continue; // needs an optional library config-service does not ship: not in the image either
            }
            for (Field f : type.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) && RUN_TIME_STATE.stream().anyMatch(t -> t.isAssignableFrom(f.getType()))) {
                    holders.add(type.getName());
                    break;
                }
            }
        }
        return holders;
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
