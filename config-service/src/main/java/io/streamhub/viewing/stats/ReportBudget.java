package io.streamhub.viewing.stats;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.streamhub.shared.Rendition;
import io.streamhub.shared.app.EffectiveAppConfig;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;

/**
 * How many bytes one report may count: what its viewer could have played since its last report —
 * the room's top rendition ({@code BANDWIDTH}) × the time since then, plus the live window (a player
 * may fetch a whole window at once), × {@link #MARGIN} (rendition switches, refetches). Useful bytes
 * (HTTP and accepted P2P) share that budget, HTTP first, so a clamp never raises the offload; each
 * waste kind has the same budget of its own (a viewer wastes at most about what it could play). The
 * time since the last report is the later of the ticket's issue (each accepted report hands a fresh
 * ticket over) and this replica's last accepted report of the viewer, so an old ticket replayed does
 * not buy time again.
 */
@Singleton
public class ReportBudget {

    static final double MARGIN = 2;

    private final Cache<String, Long> lastReport = Caffeine.newBuilder()
            .maximumSize(200_000).expireAfterAccess(Duration.ofMinutes(15)).build();

    /** The budget, in bytes, of a report of {@code clientId} whose ticket was issued at {@code issuedAt}. */
    public long bytes(EffectiveAppConfig app, String clientId, long issuedAt, long now) {
        Long last = lastReport.getIfPresent(clientId);
        long since = Math.max(issuedAt, last == null ? 0 : last);
        double seconds = Math.max(0, now - since) / 1000.0 + (double) app.hls().segmentSeconds() * app.hls().listSize();
        long bitsPerSecond = app.hls().renditions().stream().map(Rendition::ofWire).flatMap(Optional::stream)
                .mapToLong(Rendition::bandwidth).max().orElse(0);
        return (long) (bitsPerSecond / 8.0 * seconds * MARGIN);
    }

    /** The viewer's report was counted now. */
    public void counted(String clientId, long now) {
        lastReport.put(clientId, now);
    }
}
