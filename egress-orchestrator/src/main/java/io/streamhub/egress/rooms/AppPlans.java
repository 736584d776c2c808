package io.streamhub.egress.rooms;

import io.quarkus.redis.datasource.RedisDataSource;
import io.streamhub.redis.state.AppConfigReader;
import io.streamhub.shared.RedisKeys;
import io.streamhub.shared.app.AppConfigUnavailableException;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * An app's HLS plan, from the effective config read fresh on every call ({@link AppConfigReader}, so
 * each reconcile pass acts on what Redis holds now). Every mode distributes HLS (edge mode through
 * regional edge routers), so an app needs egress exactly while it has a config; a removed app's rooms
 * lose theirs. A config this process cannot read, or a key Redis lost, is not "no config": the last
 * plan read for the app stays, and with none the room is left as it is. Only the app index says an
 * app was removed.
 */
@Singleton
public class AppPlans {

    private final AppConfigReader<Optional<EgressPlan>> reader;

    public AppPlans(RedisDataSource redis, RedisKeys keys) {
        this.reader = AppConfigReader.everyCall(redis, keys, c -> c.map(EgressPlan::of));
    }

    /**
     * The plan, or empty when the app has no config (unknown or removed).
     *
     * @throws AppConfigUnavailableException when the config is missing (but not removed) or unreadable, and no
     *         earlier plan is known: act on nothing
     */
    public Optional<EgressPlan> plan(String app) {
        return reader.await(app);
    }
}
