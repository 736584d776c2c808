package io.streamhub.router.redis;

import io.streamhub.redis.RedisOps;
import io.streamhub.redis.state.AppConfigReader;
import io.streamhub.redis.state.AppConfigReader.Freshness;
import io.streamhub.router.config.RouterConfig;
import io.streamhub.shared.StreamEvent;
import io.streamhub.shared.app.EffectiveAppConfig.Mode;
import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;

/**
 * The few per-app settings the router needs from the effective config: the live playlist's
 * {@code list_size}, the VOD retention and the distribution mode (a label of the per-room byte counts).
 * Read through {@link AppConfigReader}, fresh for 10 s (a request then waits for the read), and
 * invalidated by {@code config.changed}; with nothing known, the defaults apply.
 */
@ApplicationScoped
public class AppSettings {

    static final Freshness FRESHNESS = new Freshness(Duration.ofSeconds(10), false);
    static final int MAX_LIST_SIZE = 100;
    public static final long UNKNOWN = -1;

    /**
     * @param vodRetentionMillis 0 when the app keeps no VOD or was removed, {@link #UNKNOWN} when nothing could be read
     * @param mode               {@code null} when no config of the app could be read
     */
    private record Settings(int listSize, long vodRetentionMillis, Mode mode) {
    }

    private final Settings defaults;
    private final AppConfigReader<Settings> reader;

    public AppSettings(RedisOps redis, RouterConfig config) {
        int defaultListSize = config.origin().defaultListSize();
        this.defaults = new Settings(defaultListSize, UNKNOWN, null);
        // Removed (the app index no longer lists it) is known, not unknown: no VOD, so its files follow the removal rule.
        Settings removed = new Settings(defaultListSize, 0, null);
        this.reader = new AppConfigReader<>(redis, FRESHNESS, c -> c.map(a -> new Settings(
                Math.min(Math.max(a.hls().listSize(), 1), MAX_LIST_SIZE), a.vod().retentionSeconds() * 1000, a.mode())).orElse(removed));
    }

    public Future<Integer> listSize(String app) {
        return settings(app).map(Settings::listSize);
    }

    /**
     * How long an ended session's recording stays playable, in millis; 0 when the app keeps no VOD or was
     * removed (the app index no longer lists it); {@link #UNKNOWN} when nothing could be read of it (Redis
     * unreachable or its data lost since start, a config in a newer format): not "no VOD".
     */
    public Future<Long> vodRetentionMillis(String app) {
        return settings(app).map(Settings::vodRetentionMillis);
    }

    /** The app's distribution mode, or {@code null} when no config of the app could be read (never a failure). */
    public Future<Mode> mode(String app) {
        return settings(app).map(Settings::mode);
    }

    /** The mode as last read, at once ({@code null} before any read); a stale one is read again in the background. */
    public Mode cachedMode(String app) {
        Settings s = reader.cached(app);
        return s == null ? null : s.mode();
    }

    private Future<Settings> settings(String app) {
        return reader.get(app).recover(e -> Future.succeededFuture(defaults));
    }

    void onEvent(@Observes StreamEvent event) {
        reader.onEvent(event);
    }

    void onRestored(@Observes SubscriptionRestored restored) {
        reader.markAllStale();
    }
}
