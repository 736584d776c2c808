package io.streamhub.config.stats;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.streamhub.config.config.ServiceConfig;
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

    private static final class Bucket {
        double tokens;
        long last = System.currentTimeMillis();

        Bucket(double burst) {
            tokens = burst;
        }

        synchronized boolean take(double burst, double perMs, long now) {
            tokens = Math.min(burst, tokens + (now - last) * perMs);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }

    private final Cache<String, Bucket> clients = Caffeine.newBuilder()
            .maximumSize(200_000).expireAfterAccess(Duration.ofMinutes(2)).build();
    private final Cache<String, Bucket> addresses = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(2)).build();
    private final double addressPerMs;
    private final double addressBurst;

    @Inject
    public ReportLimiter(ServiceConfig config) {
        this(config.reportsPerAddressPerSecond());
    }

    public ReportLimiter(int reportsPerAddressPerSecond) {
        this.addressPerMs = reportsPerAddressPerSecond / 1000.0;
        this.addressBurst = reportsPerAddressPerSecond * 10.0;
    }

    /** Whether a report from this client at this address may count now. */
    public boolean allow(String clientId, String address) {
        long now = System.currentTimeMillis();
        // The client's own limit first: one eager client must not spend its neighbours' address budget.
        if (!clients.get(clientId, k -> new Bucket(BURST)).take(BURST, 1.0 / INTERVAL_MS, now)) {
            return false;
        }
        return addresses.get(address, k -> new Bucket(addressBurst)).take(addressBurst, addressPerMs, now);
    }
}
