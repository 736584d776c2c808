package io.streamhub.redis;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.Map;
import java.util.function.Supplier;

/** One read per key at a time: later callers join the one in flight, which must end (a deadline) so the map drains. */
public final class SingleFlight {

    private SingleFlight() {
    }

    public static <K, T> Future<T> join(Map<K, Future<T>> inflight, K key, Supplier<Future<T>> read) {
        Promise<T> mine = Promise.promise();
        Future<T> pending = inflight.putIfAbsent(key, mine.future());
        if (pending != null) {
            return pending;
        }
        read.get().onComplete(ar -> {
            inflight.remove(key, mine.future());
            mine.handle(ar);
        });
        return mine.future();
    }
}
