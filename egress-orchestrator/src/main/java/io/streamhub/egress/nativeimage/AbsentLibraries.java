package io.streamhub.egress.nativeimage;

/**
 * The libraries the substitutions stand in for. A substitution class may hold no fields of its own
 * (the image builder takes every field there for one of the target's), so their words live here.
 */
final class AbsentLibraries {

    static final String COROUTINES = "Kotlin suspend service methods need kotlinx-coroutines, which egress-orchestrator does not ship";
    static final String CRT = "software.amazon.awssdk.crt:aws-crt";

    private AbsentLibraries() {
    }
}
