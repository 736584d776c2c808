package io.streamhub.viewing.stats;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.streamhub.config.settings.ServiceConfig;
import io.streamhub.shared.rate.TokenBucket;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Rate limits for player reports, two together: per client (a burst of {@link #BURST}, then one every
 * {@link #INTERVAL_MS}), and per source address ({@code reports-per-address-per-second}, a burst of ten
 * seconds' worth), because the client id is the caller's own choice: inventing ids gets a sender no
 * further than its address allows. The address budget is generous, since many viewers share one
 * address behind a NAT. State lives in bounded Caffeine caches that expire when idle.
 */
@Singleton
public class ReportLimiter {

    static final int BURST = 3;
    public static final long INTERVAL_MS = 2000;

    private final Cache<String, TokenBucket> clients = Caffeine.newBuilder()
            .maximumSize(200_000).expireAfterAccess(Duration.ofMinutes(2)).build();
    private final Cache<String, TokenBucket> addresses = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(2)).build();
    private final int addressPerSecond;
    private final int addressBurst;

    @Inject
    public ReportLimiter(ServiceConfig config) {
        this(config.reportsPerAddressPerSecond());
    }

    public ReportLimiter(int reportsPerAddressPerSecond) {
        this.addressPerSecond = reportsPerAddressPerSecond;
        this.addressBurst = Math.multiplyExact(10, reportsPerAddressPerSecond); // fails at start-up, not per report
    }

    /** Whether a report from this client at this address may count now. */
    public boolean allow(String clientId, String address) {
        long now = System.currentTimeMillis();
        // The client's own limit first: one eager client must not spend its neighbours' address budget.
        if (!take(clients.get(clientId, k -> new TokenBucket(1000.0 / INTERVAL_MS, BURST, now)), now)) {
            return false;
        }
        return take(addresses.get(address, k -> new TokenBucket(addressPerSecond, addressBurst, now)), now);
    }

    /** Concurrent reports of one client or address share its bucket. */
    private static boolean take(TokenBucket bucket, long now) {
        synchronized (bucket) {
            return bucket.tryTake(now);
        }
    }
}
