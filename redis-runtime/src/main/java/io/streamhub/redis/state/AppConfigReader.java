package io.streamhub.redis.state;

import io.quarkus.redis.datasource.RedisDataSource;
import io.streamhub.redis.RedisOps;
import io.streamhub.shared.RedisKeys;
import io.streamhub.shared.StreamEvent;
import io.streamhub.shared.app.AppConfigUnavailableException;
import io.streamhub.shared.app.EffectiveAppConfig;
import io.streamhub.shared.app.LastReadConfigs;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The one reader of the app configs config-service publishes: config and app index in one {@code MGET},
 * read by {@link LastReadConfigs}'s rule (unknown is not disabled), turned into the service's view {@code T}
 * (made from {@code Optional.empty()} for a removed app) and cached per the service's {@link Freshness}.
 * Concurrent reads of one app share one round trip; {@code config.changed} marks views stale.
 */
public final class AppConfigReader<T> {

    /**
     * A view stands for {@code maxAge}; past it, with {@code servesStale} callers get it at once while one read
     * refreshes it (the tracker: announces never wait on Redis), without they wait for the read (the router).
     * A zero {@code maxAge} caches nothing, not even as a fallback when Redis cannot be asked.
     */
    public record Freshness(Duration maxAge, boolean servesStale) {

        /** Read on every call: a level-triggered pass (the orchestrator's) acts on what Redis holds now. */
        public static final Freshness EVERY_CALL = new Freshness(Duration.ZERO, false);
    }

    private record Known<T>(T view, long readAt) {
    }

    private final RedisKeys keys;
    /** {@code MGET}: the values in order, {@code null} for a missing key. */
    private final Function<String[], Future<List<String>>> fetch;
    private final Freshness freshness;
    private final Function<Optional<EffectiveAppConfig>, T> view;
    private final LastReadConfigs configs = new LastReadConfigs();
    private final Map<String, Known<T>> known = new ConcurrentHashMap<>();
    private final Map<String, Future<T>> inflight = new ConcurrentHashMap<>();

    /** {@code fetch} is a seam for tests that count reads. */
    AppConfigReader(RedisKeys keys, Function<String[], Future<List<String>>> fetch, Freshness freshness, Function<Optional<EffectiveAppConfig>, T> view) {
        this.keys = keys;
        this.fetch = fetch;
        this.freshness = freshness;
        this.view = view;
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

    /** The view: cached while fresh (or stale while one read refreshes it, when serving stale), else read now. */
    public Future<T> get(String app) {
        Known<T> k = known.get(app);
        return k != null && (fresh(k) || freshness.servesStale()) ? Future.succeededFuture(cached(app)) : read(app);
    }

    /** The view last read, or {@code null} when none was; a stale one starts a refresh. */
    public T cached(String app) {
        Known<T> k = known.get(app);
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
        Promise<T> mine = Promise.promise();
        Future<T> running = inflight.putIfAbsent(app, mine.future());
        if (running != null) {
            return running;
        }
        fetch(keys.config(app), keys.appIndex()).map(v -> remember(app, configs.read(app, v.get(0), v.get(1)))).recover(e -> {
            Known<T> k = e instanceof AppConfigUnavailableException ? null : known.get(app);
            return k != null ? Future.succeededFuture(k.view()) : Future.failedFuture(e);
        }).onComplete(ar -> {
            inflight.remove(app, mine.future());
            mine.handle(ar);
        });
        return mine.future();
    }

    /** Reads many apps in one {@code MGET} (a preload); one that cannot be decided is read at first use. Resolves to the count asked. */
    public Future<Integer> loadAll(List<String> apps) {
        List<String> names = new ArrayList<>(apps.stream().map(keys::config).toList());
        names.add(keys.appIndex());
        return apps.isEmpty() ? Future.succeededFuture(0) : fetch(names.toArray(String[]::new)).map(values -> {
            for (int i = 0; i < apps.size(); i++) {
                try {
                    remember(apps.get(i), configs.read(apps.get(i), values.get(i), values.get(apps.size())));
                } catch (AppConfigUnavailableException e) {
                    // LastReadConfigs said it in the log
                }
            }
            return apps.size();
        });
    }

    /** {@code config.changed}: the app's view (every view, when none is named) is read again at next use. */
    public void onEvent(StreamEvent event) {
        if (StreamEvent.CONFIG_CHANGED.equals(event.type())) {
            known.replaceAll((app, k) -> event.app() == null || event.app().equals(app) ? new Known<>(k.view(), 0) : k);
        }
    }

    /** Stale, not forgotten: the old view stays the fallback if Redis fails on the next read. */
    public void markAllStale() {
        known.replaceAll((app, k) -> new Known<>(k.view(), 0));
    }

    private boolean fresh(Known<T> k) {
        return System.currentTimeMillis() - k.readAt() < freshness.maxAge().toMillis();
    }

    private T remember(String app, Optional<EffectiveAppConfig> config) {
        T v = view.apply(config);
        if (!freshness.maxAge().isZero()) {
            known.put(app, new Known<>(v, System.currentTimeMillis()));
        }
        return v;
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
