package io.streamhub.egress.nativeimage;

import com.oracle.svm.core.annotate.Substitute;
import com.oracle.svm.core.annotate.TargetClass;
import kotlin.coroutines.Continuation;
import retrofit2.Call;

/**
 * Retrofit's support for Kotlin {@code suspend} service methods, without kotlinx-coroutines.
 * Retrofit declares coroutines an optional dependency and the LiveKit SDK's services return
 * {@code Call}, so the library is not here; the image builder (which links every class at build
 * time under Quarkus) refused these methods for naming its classes (found by native/verify.sh,
 * issue 19). On the JVM a suspend method would fail with NoClassDefFoundError; in the image it
 * fails the same way, with a message that says why.
 */
@TargetClass(className = "retrofit2.KotlinExtensions")
final class Target_retrofit2_KotlinExtensions {

    private Target_retrofit2_KotlinExtensions() {
    }

    @Substitute
    static Object await(Call<?> call, Continuation<?> continuation) {
        throw new NoClassDefFoundError(AbsentLibraries.COROUTINES);
    }

    @Substitute
    static Object awaitNullable(Call<?> call, Continuation<?> continuation) {
        throw new NoClassDefFoundError(AbsentLibraries.COROUTINES);
    }

    @Substitute
    static Object awaitResponse(Call<?> call, Continuation<?> continuation) {
        throw new NoClassDefFoundError(AbsentLibraries.COROUTINES);
    }

    @Substitute
    static Object suspendAndThrow(Throwable failure, Continuation<?> continuation) {
        throw new NoClassDefFoundError(AbsentLibraries.COROUTINES);
    }
}
