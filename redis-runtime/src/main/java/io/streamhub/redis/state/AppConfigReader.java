package io.streamhub.redis.state;

import com.github.benmanes.caffeine.cache.Cache;
import io.quarkus.redis.datasource.RedisDataSource;
import io.streamhub.redis.BoundedCache;
import io.streamhub.redis.RedisOps;
import io.streamhub.redis.SingleFlight;
import io.streamhub.shared.RedisKeys;
import io.streamhub.shared.StreamEvent;
import io.streamhub.shared.app.AppConfigFormatException;
import io.streamhub.shared.app.AppConfigJson;
import io.streamhub.shared.app.AppConfigUnavailableException;
import io.streamhub.shared.app.AppIndex;
import io.streamhub.shared.app.EffectiveAppConfig;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The one reader of the app configs config-service publishes: config and app index in one {@code MGET},
 * turned into the service's view {@code T} (made from {@code Optional.empty()} for a removed app) and
 * cached per the service's {@link Freshness}. Concurrent reads of one app share one round trip;
 * {@code config.changed} marks views stale. Every reader follows one rule (docs/architecture.md,
 * "Recovery rules"), unknown is not disabled:
 * <ul>
 * <li>a config it cannot read (a newer {@code schema_version} during a rolling upgrade, a corrupt
 * value) leaves the last one it read for the app in force;</li>
 * <li>a missing key means "removed" only when the app index ({@link AppIndex}) is there and does not
 * list the app; a key missing otherwise (Redis lost its data, or a partial write) also leaves the last
 * config read in force, until config-service rewrites it on its next poll;</li>
 * <li>with nothing read before, either case is {@link AppConfigUnavailableException}: not ready for that app.</li>
 * </ul>
 * Each state is said once in the log. App names come from requests (anyone can invent one), so the
 * views are kept in a {@link BoundedCache}: at most {@link #MAX_APPS}, a removed or undecidable app's
 * answer for {@code maxAge} (at most one read per name per {@code maxAge}; "undecidable for want of the
 * app index" only until a read finds the index again), a config's view until it goes {@link #IDLE} unasked. The configs last read are kept only for apps Redis held a config for.
 */
public final class AppConfigReader<T> {

    private static final Logger LOG = Logger.getLogger(AppConfigReader.class);
    /** Apps whose answers are kept at most: far more than any installation has; a flood evicts its own names. */
    static final int MAX_APPS = 10_000;
    /** A view nobody asked for this long is dropped; the next call reads again. */
    static final Duration IDLE = Duration.ofMinutes(10);

    /**
     * A view stands for {@code maxAge}; past it, with {@code servesStale} callers get it at once while one read
     * refreshes it (the tracker: announces never wait on Redis), without they wait for the read (the router).
     * A zero {@code maxAge} caches nothing, not even as a fallback when Redis cannot be asked.
     */
    public record Freshness(Duration maxAge, boolean servesStale) {

        /** Read on every call: a level-triggered pass (the orchestrator's) acts on what Redis holds now. */
        public static final Freshness EVERY_CALL = new Freshness(Duration.ZERO, false);
    }

    /**
     * What a read decided: a view ({@code removed} when the index said so), or {@code unavailable} (no view;
     * {@code noIndex} when that was for want of the app index, which the next read that finds one clears).
     */
    private record Known<T>(T view, boolean removed, AppConfigUnavailableException unavailable, boolean noIndex, long readAt) {

        boolean negative() {
            return removed || unavailable != null;
        }

        Known<T> stale() {
            return new Known<>(view, removed, unavailable, noIndex, 0);
        }
    }

    private final RedisKeys keys;
    /** {@code MGET}: the values in order, {@code null} for a missing key. */
    private final Function<String[], Future<List<String>>> fetch;
    private final Freshness freshness;
    private final Function<Optional<EffectiveAppConfig>, T> view;
    /** The configs last read, by app; only apps Redis held a config for, so bounded by what is published. */
    private final Map<String, EffectiveAppConfig> last = new ConcurrentHashMap<>();
    /** The problem last logged per app, so each is said once (bounded: a flood of names must not grow it). */
    private final Cache<String, String> complaints = BoundedCache.build(MAX_APPS, c -> false, Duration.ZERO, IDLE);
    private final Cache<String, Known<T>> known;
    private final Map<String, Future<T>> inflight = new ConcurrentHashMap<>();
    /** Some kept answer is "undecidable for want of the app index". */
    private volatile boolean answeredWithoutIndex;

    /** {@code fetch} is a seam for tests that count reads. */
    AppConfigReader(RedisKeys keys, Function<String[], Future<List<String>>> fetch, Freshness freshness, Function<Optional<EffectiveAppConfig>, T> view) {
        this.keys = keys;
        this.fetch = fetch;
        this.freshness = freshness;
        this.view = view;
        this.known = BoundedCache.build(MAX_APPS, Known::negative, freshness.maxAge(), IDLE.compareTo(freshness.maxAge()) > 0 ? IDLE : freshness.maxAge());
    }

    /** Over the data plane's non-blocking commands. */
    public AppConfigReader(RedisOps redis, Freshness freshness, Function<Optional<EffectiveAppConfig>, T> view) {
        this(redis.keys(), redis::mget, freshness, view);
    }

    /** Over the control plane's blocking client, read on every call; see {@link #await}. */
    public static <T> AppConfigReader<T> everyCall(RedisDataSource redis, RedisKeys keys, Function<Optional<EffectiveAppConfig>, T> view) {
        var values = redis.value(String.class);
        return new AppConfigReader<>(keys, k -> Future.succeededFuture(Arrays.stream(k).map(values.mget(k)::get).toList()),
                Freshness.EVERY_CALL, view);
    }

    /**
     * The view: cached while fresh (or stale while one read refreshes it, when serving stale), else read now.
     * An app nothing could be decided on fails with its {@link AppConfigUnavailableException} while that answer is fresh.
     */
    public Future<T> get(String app) {
        Known<T> k = known.getIfPresent(app);
        if (k == null || !(fresh(k) || freshness.servesStale())) {
            return read(app);
        }
        T v = cached(app);
        return k.unavailable() != null ? Future.failedFuture(k.unavailable()) : Future.succeededFuture(v);
    }

    /** The view last read, or {@code null} when none was; a stale one starts a refresh. */
    public T cached(String app) {
        Known<T> k = known.getIfPresent(app);
        if (k != null && !fresh(k)) {
            read(app);
        }
        return k == null ? null : k.view();
    }

    /** {@link #get} for plain threads: waits, and throws what the read failed with. */
    public T await(String app) {
        try {
            return get(app).toCompletionStage().toCompletableFuture().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * Reads now, one read shared by concurrent callers. When Redis cannot be asked the cached view stands;
     * with none it fails, as it does with {@link AppConfigUnavailableException} when nothing can be decided.
     */
    public Future<T> read(String app) {
        return SingleFlight.join(inflight, app, () -> fetch(keys.config(app), keys.appIndex()).map(v -> {
            boolean noIndex = v.get(1) == null;
            if (!noIndex && answeredWithoutIndex) {
                // The index is back: what was undecidable for want of it is decidable now.
                answeredWithoutIndex = false;
                known.asMap().values().removeIf(Known::noIndex);
            }
            try {
                return remember(app, decide(app, v.get(0), v.get(1)));
            } catch (AppConfigUnavailableException u) {
                answeredWithoutIndex |= noIndex;
                store(app, new Known<>(null, false, u, noIndex, System.currentTimeMillis()));
                throw u;
            }
        }).recover(e -> {
            if (e instanceof AppConfigUnavailableException) {
                return Future.failedFuture(e);
            }
            Known<T> k = known.getIfPresent(app);
            return k != null && k.unavailable() == null ? Future.succeededFuture(k.view()) : Future.failedFuture(e);
        }));
    }

    /** Reads many apps in one {@code MGET} (a preload); one that cannot be decided is read at first use. Resolves to the count asked. */
    public Future<Integer> loadAll(List<String> apps) {
        List<String> names = new ArrayList<>(apps.stream().map(keys::config).toList());
        names.add(keys.appIndex());
        return apps.isEmpty() ? Future.succeededFuture(0) : fetch(names.toArray(String[]::new)).map(values -> {
            for (int i = 0; i < apps.size(); i++) {
                try {
                    remember(apps.get(i), decide(apps.get(i), values.get(i), values.get(apps.size())));
                } catch (AppConfigUnavailableException e) {
                    // decide said it in the log
                }
            }
            return apps.size();
        });
    }

    /** {@code config.changed}: the app's view (every view, when none is named) is read again at next use. */
    public void onEvent(StreamEvent event) {
        if (StreamEvent.CONFIG_CHANGED.equals(event.type())) {
            known.asMap().replaceAll((app, k) -> event.app() == null || event.app().equals(app) ? k.stale() : k);
        }
    }

    /** Stale, not forgotten: the old view stays the fallback if Redis fails on the next read. */
    public void markAllStale() {
        known.asMap().replaceAll((app, k) -> k.stale());
    }

    /**
     * The app's config from the JSON just fetched ({@code json}, null when the key is missing) and the
     * app index fetched with it ({@code indexJson}, null when missing): empty when the app was removed.
     *
     * @throws AppConfigUnavailableException when nothing can be decided and nothing was read for the app before
     */
    Optional<EffectiveAppConfig> decide(String app, String json, String indexJson) {
        if (json == null) {
            AppIndex index = AppIndex.read(indexJson);
            if (index != null && !index.lists(app)) {
                last.remove(app);
                complaints.invalidate(app);
                return Optional.empty();
            }
            return keepLast(app, new AppConfigUnavailableException(index == null
                    ? "its config and the app index are missing from Redis" : "its config is missing from Redis though the app index lists it"));
        }
        try {
            EffectiveAppConfig config = AppConfigJson.read(json);
            last.put(app, config);
            if (complaints.asMap().remove(app) != null) {
                LOG.infof("config of app %s is readable again", app);
            }
            return Optional.of(config);
        } catch (AppConfigFormatException e) {
            return keepLast(app, e);
        }
    }

    private Optional<EffectiveAppConfig> keepLast(String app, AppConfigUnavailableException why) {
        EffectiveAppConfig before = last.get(app);
        if (!why.getMessage().equals(complaints.asMap().put(app, why.getMessage()))) {
            LOG.warnf("app %s: %s; %s", app, why.getMessage(),
                    before == null ? "nothing was read of it before, so nothing is decided on it" : "keeping the config last read");
        }
        if (before == null) {
            throw why;
        }
        return Optional.of(before);
    }

    /** The config last read for the app, if any (tests). */
    Optional<EffectiveAppConfig> last(String app) {
        return Optional.ofNullable(last.get(app));
    }

    /** Entries currently kept (tests). */
    long size() {
        known.cleanUp();
        return known.estimatedSize();
    }

    private boolean fresh(Known<T> k) {
        return System.currentTimeMillis() - k.readAt() < freshness.maxAge().toMillis();
    }

    private T remember(String app, Optional<EffectiveAppConfig> config) {
        T v = view.apply(config);
        store(app, new Known<>(v, config.isEmpty(), null, false, System.currentTimeMillis()));
        return v;
    }

    private void store(String app, Known<T> k) {
        if (!freshness.maxAge().isZero()) {
            known.put(app, k);
        }
    }

    /** A blocking fetch that throws fails the future instead, so a shared read always ends. */
    private Future<List<String>> fetch(String... names) {
        try {
            return fetch.apply(names);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }
}
