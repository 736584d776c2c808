package io.streamhub.redis;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.redis.datasource.keys.KeyScanCursor;
import java.util.ArrayList;
import java.util.List;

/**
 * Every key matching a pattern, by {@code SCAN} through the blocking data source. Page by page with
 * {@link KeyScanCursor#next()}, which waits at most {@code quarkus.redis.timeout}; the cursor's
 * {@code toIterable()} waits without a bound, so a frozen Redis (or a primary lost to a failover
 * whose connections stay open) would hang the caller for good.
 */
public final class KeyScan {

    private KeyScan() {
    }

    public static List<String> keys(RedisDataSource redis, String pattern, int pageSize) {
        KeyScanCursor<String> cursor = redis.key().scan(new KeyScanArgs().match(pattern).count(pageSize));
        List<String> keys = new ArrayList<>();
        while (cursor.hasNext()) {
            keys.addAll(cursor.next());
        }
        return keys;
    }
}
