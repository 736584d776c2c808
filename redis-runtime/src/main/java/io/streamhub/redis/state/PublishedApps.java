package io.streamhub.redis.state;

import io.quarkus.redis.datasource.RedisDataSource;
import io.streamhub.redis.KeyScan;
import io.streamhub.shared.RedisKeys;
import java.util.List;

/** The apps whose config Redis holds ({@code <prefix>config:<app>} keys, page by page): blocking, for plain or worker threads. */
public final class PublishedApps {

    private PublishedApps() {
    }

    public static List<String> names(RedisDataSource redis, RedisKeys keys) {
        String prefix = keys.config("");
        return KeyScan.keys(redis, prefix + "*", 1000).stream().filter(key -> !key.equals(keys.configRevision()))
                .map(key -> key.substring(prefix.length())).toList();
    }
}
