package io.streamhub.router.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamhub.shared.app.AppIndex;
import io.streamhub.testsupport.RedisTestResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 30: the router's app settings tell a removed app (no config, and the app index says it is gone:
 * no VOD, its files follow the removal rule) from an unknown one (nothing could be read: keep everything).
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class AppSettingsTest {

    @Inject
    AppSettings settings;
    @Inject
    RedisDataSource redis;

    long vod(String app) throws Exception {
        return settings.vodRetentionMillis(app).toCompletionStage().toCompletableFuture().get();
    }

    @Test
    void aRemovedAppKeepsNoVodWhileAnUnreadableOneIsUnknown() throws Exception {
        String before = redis.value(String.class).get("sh:apps");
        try {
            redis.value(String.class).set("sh:config:vodkeeper",
                    "{\"app\":\"vodkeeper\",\"distribution\":{\"mode\":\"cdn\",\"vod\":{\"retention\":\"7d\"}}}");
            redis.value(String.class).set("sh:apps", new AppIndex("r9", Set.of("vodkeeper")).toJson());
            assertEquals(Duration.ofDays(7).toMillis(), vod("vodkeeper"));
            assertEquals(0, vod("removedapp"), "the index is there and does not list it: removed, no VOD");

            redis.key().del("sh:apps");
            assertEquals(AppSettings.UNKNOWN, vod("neverreadapp"), "no config, no index: nothing can be decided");
        } finally {
            redis.key().del("sh:config:vodkeeper");
            if (before != null) {
                redis.value(String.class).set("sh:apps", before);
            }
        }
    }
}
