package io.streamhub.tracker.core;

/** Announce rate limit of one connection: {@code burst} tokens refilled at {@code perSecond}. Not thread-safe: one connection's messages are handled one at a time. */
final class TokenBucket {

    private final double perMilli;
    private final double burst;
    private double tokens;
    private long last;

    TokenBucket(double perSecond, int burst, long now) {
        this.perMilli = perSecond / 1000.0;
        this.burst = burst;
        this.tokens = burst;
        this.last = now;
    }

    boolean tryTake(long now) {
        if (now > last) {
            tokens = Math.min(burst, tokens + (now - last) * perMilli);
            last = now;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
