package io.streamhub.egress.nativeimage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oracle.svm.core.annotate.Substitute;
import com.oracle.svm.core.annotate.TargetClass;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import kotlin.coroutines.Continuation;
import org.junit.jupiter.api.Test;
import retrofit2.Call;
import software.amazon.awssdk.checksums.spi.ChecksumAlgorithm;

/**
 * The native image's substitutions stand in for libraries egress-orchestrator does not ship, and
 * must do what the originals do on the JVM without them: checked here against the originals,
 * which the JVM runs (the image builder does not).
 */
class NativeSubstitutionsTest {

    static final List<Class<?>> SUBSTITUTIONS = List.of(
            Target_retrofit2_KotlinExtensions.class,
            Target_software_amazon_awssdk_checksums_internal_ChecksumProvider.class);

    @Test
    void theLibrariesSubstitutedForAreNotShipped() {
        // If one is added, its substitution hides it from the image: remove the substitution.
        assertThrows(ClassNotFoundException.class, () -> Class.forName("kotlinx.coroutines.CancellableContinuationImpl"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("software.amazon.awssdk.crt.checksums.CRC64NVME"));
    }

    @Test
    void everySubstituteReplacesAMethodOfItsTarget() throws Exception {
        List<String> unmatched = new ArrayList<>();
        for (Class<?> substitution : SUBSTITUTIONS) {
            Class<?> target = Class.forName(substitution.getAnnotation(TargetClass.class).className());
            // The builder takes a field of a substitution class for one of the target's.
            for (var f : substitution.getDeclaredFields()) {
                unmatched.add(substitution.getSimpleName() + "." + f.getName() + " (a field: move it to AbsentLibraries)");
            }
            for (Method m : substitution.getDeclaredMethods()) {
                if (!m.isAnnotationPresent(Substitute.class)) {
                    continue;
                }
                try {
                    Method original = target.getDeclaredMethod(m.getName(), m.getParameterTypes());
                    if (original.getReturnType() != m.getReturnType()
                            || Modifier.isStatic(original.getModifiers()) != Modifier.isStatic(m.getModifiers())) {
                        unmatched.add(target.getName() + "." + m.getName() + " (return type or static differs)");
                    }
                } catch (NoSuchMethodException e) {
                    unmatched.add(target.getName() + "." + m.getName() + " (gone: the library changed)");
                }
            }
        }
        assertTrue(unmatched.isEmpty(), () -> "substitutes without an original: " + unmatched);
    }

    @Test
    void withoutTheCrtTheChecksumsBehaveAsTheirSubstitutes() throws Throwable {
        Class<?> provider = Class.forName("software.amazon.awssdk.checksums.internal.ChecksumProvider");
        assertNull(original(provider, "createCrtCrc32C"));
        assertNull(Target_software_amazon_awssdk_checksums_internal_ChecksumProvider.createCrtCrc32C());

        Throwable nvme = assertThrows(RuntimeException.class, () -> original(provider, "crc64NvmeCrtImplementation"));
        Throwable nvmeSubstitute = assertThrows(RuntimeException.class,
                Target_software_amazon_awssdk_checksums_internal_ChecksumProvider::crc64NvmeCrtImplementation);
        assertEquals(nvme.getMessage(), nvmeSubstitute.getMessage());

        ChecksumAlgorithm xxhash = () -> "XXHASH64";
        Throwable hash = assertThrows(RuntimeException.class, () -> original(provider, "crtXxHash", xxhash));
        Throwable hashSubstitute = assertThrows(RuntimeException.class,
                () -> Target_software_amazon_awssdk_checksums_internal_ChecksumProvider.crtXxHash(xxhash));
        assertEquals(hash.getMessage(), hashSubstitute.getMessage());
    }

    @Test
    void withoutCoroutinesASuspendCallFailsAsItsSubstitute() {
        Call<?> call = stub(Call.class);
        Continuation<Object> continuation = stub(Continuation.class);
        assertThrows(NoClassDefFoundError.class, () -> retrofit2.KotlinExtensions.await(call, continuation));
        assertThrows(NoClassDefFoundError.class, () -> retrofit2.KotlinExtensions.awaitResponse(call, stub(Continuation.class)));
        assertThrows(NoClassDefFoundError.class, () -> Target_retrofit2_KotlinExtensions.await(call, continuation));
        assertThrows(NoClassDefFoundError.class, () -> Target_retrofit2_KotlinExtensions.awaitResponse(call, continuation));
    }

    /** Calls a static method of the original, unwrapping what it throws. */
    private static Object original(Class<?> type, String name, Object... args) throws Throwable {
        for (Method m : type.getDeclaredMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                m.setAccessible(true);
                try {
                    return m.invoke(null, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        }
        throw new NoSuchMethodException(name);
    }

    /** An interface whose every method fails: the originals must not get as far as calling one. */
    @SuppressWarnings("unchecked")
    private static <T> T stub(Class<?> type) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            throw new AssertionError("called " + method.getName());
        });
    }
}
