package io.streamhub.shared.rate;

/**
 * A rate limit: {@code burst} tokens, refilled at {@code perSecond}, one taken per allowed event.
 * The tracker holds one per connection, so it is kept to primitive fields (40 bytes with compressed
 * pointers). The caller passes the clock, in milliseconds; a clock that steps back refills nothing.
 * Not thread-safe: callers that share a bucket between threads lock it.
 */
public final class TokenBucket {

    private final double perMilli;
    private final int burst;
    private double tokens;
    private long last;

    public TokenBucket(double perSecond, int burst, long nowMillis) {
        this.perMilli = perSecond / 1000.0;
        this.burst = burst;
        this.tokens = burst;
        this.last = nowMillis;
    }

    /** Takes a token if there is one. */
    public boolean tryTake(long nowMillis) {
        if (nowMillis > last) {
            // In doubles: a difference of two longs far apart cannot wrap, and a long idle only fills the bucket.
            tokens = Math.min(burst, tokens + ((double) nowMillis - (double) last) * perMilli);
            last = nowMillis;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
