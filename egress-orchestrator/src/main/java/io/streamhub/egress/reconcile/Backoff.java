package io.streamhub.egress.reconcile;

import java.time.Duration;

/** Exponential backoff: {@code initial × 2^attempts}, capped. */
public final class Backoff {

    private Backoff() {
    }

    public static Duration delay(int attempts, Duration initial, Duration max) {
        long ms = initial.toMillis() << Math.min(attempts, 20);
        return Duration.ofMillis(Math.min(ms, max.toMillis()));
    }
}
