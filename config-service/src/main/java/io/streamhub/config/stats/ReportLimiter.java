package io.streamhub.config.stats;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Per-client rate limit for player reports: a burst of {@link #BURST}, then one every
 * {@link #INTERVAL_MS}. Client state lives in a bounded Caffeine cache and expires when idle, so a
 * flood of invented client ids costs bounded memory (and each of them is limited too).
 */
@Singleton
public class ReportLimiter {

    static final int BURST = 3;
    public static final long INTERVAL_MS = 2000;

    private static final class Bucket {
        double tokens = BURST;
        long last = System.currentTimeMillis();
    }

    private final Cache<String, Bucket> clients = Caffeine.newBuilder()
            .maximumSize(200_000).expireAfterAccess(Duration.ofMinutes(2)).build();

    public boolean allow(String clientId) {
        Bucket b = clients.get(clientId, k -> new Bucket());
        synchronized (b) {
            long now = System.currentTimeMillis();
            b.tokens = Math.min(BURST, b.tokens + (now - b.last) / (double) INTERVAL_MS);
            b.last = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return true;
            }
            return false;
        }
    }
}
