package io.streamhub.router.proxy;

import io.vertx.core.Vertx;

/**
 * Ends an upstream fetch that stays silent too long: no head within the timeout of the start, then
 * no chunk within the timeout of the last one. A body that keeps arriving is never cut for being
 * slow as a whole: while a miss is streamed to many waiters, the event loop that reads the upstream
 * also writes to them, and a whole-response deadline would then cut bodies that were arriving
 * fine. One timer at a time, re-armed for the time left rather than per chunk.
 */
final class FetchWatchdog {

    private final Vertx vertx;
    private final long timeoutNanos;
    private final Runnable onExpired;
    private volatile long lastProgress = System.nanoTime();
    private volatile boolean answered;
    private volatile boolean stopped;
    private volatile long timer;

    FetchWatchdog(Vertx vertx, long timeoutMillis, Runnable onExpired) {
        this.vertx = vertx;
        this.timeoutNanos = timeoutMillis * 1_000_000;
        this.onExpired = onExpired;
        this.timer = vertx.setTimer(timeoutMillis, id -> check());
    }

    /** The head or a chunk arrived. */
    void progress() {
        answered = true;
        lastProgress = System.nanoTime();
    }

    /** Whether the upstream had sent its head when the watchdog fired: a 504 before it, a broken body after. */
    boolean answered() {
        return answered;
    }

    void stop() {
        stopped = true;
        vertx.cancelTimer(timer);
    }

    private void check() {
        if (stopped) {
            return;
        }
        long left = timeoutNanos - (System.nanoTime() - lastProgress);
        if (left <= 0) {
            onExpired.run();
        } else {
            timer = vertx.setTimer(Math.max(1, left / 1_000_000), id -> check());
        }
    }
}
