package io.streamhub.e2e;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * HTTP requests from one address for a while, {@code workers} at most in flight over keep-alive
 * connections: each worker sends its next request when its last one was answered, as fast as that
 * allows or, with a rate, at its next slot of a schedule shared by all workers. What came back is
 * tallied by status.
 */
final class HttpFlood {

    /** One request: method, absolute URL, a JSON body or {@code null}. */
    record Call(HttpMethod method, String url, String json) {
        static Call get(String url) {
            return new Call(HttpMethod.GET, url, null);
        }

        static Call post(String url, String json) {
            return new Call(HttpMethod.POST, url, json);
        }
    }

    /** What a flood sends: worker {@code w}'s next request, and what it hears back (on an event loop; a worker's calls never overlap). */
    interface Script {
        Call next(int worker);

        default void answered(int worker, int status, Buffer body) {
        }
    }

    /** Answers by status ({@value #NO_ANSWER}: refused, reset or timed out), over {@code seconds}. */
    record Tally(Map<Integer, Long> byStatus, double seconds) {
        static final int NO_ANSWER = -1;

        long requests() {
            return byStatus.values().stream().mapToLong(Long::longValue).sum();
        }

        long count(int status) {
            return byStatus.getOrDefault(status, 0L);
        }

        double perSecond() {
            return requests() / seconds;
        }

        @Override
        public String toString() {
            return String.format("%d requests (%.0f/s), by status %s", requests(), perSecond(), byStatus);
        }
    }

    private HttpFlood() {
    }

    /** As fast as {@code workers} requests in flight allow. */
    static Tally run(SourceAddress from, int workers, Duration duration, Script script) throws Exception {
        return run(from, workers, 0, duration, script);
    }

    /** At most {@code perSecond} requests a second ({@code 0}: no limit). */
    static Tally run(SourceAddress from, int workers, double perSecond, Duration duration, Script script) throws Exception {
        HttpClient client = from.http(workers);
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        Flood flood = new Flood(client, script, start, start + duration.toNanos(), perSecond > 0 ? (long) (1e9 / perSecond) : 0,
                new AtomicLong(), statuses);
        CompletableFuture<?>[] done = new CompletableFuture<?>[workers];
        try {
            for (int w = 0; w < workers; w++) {
                CompletableFuture<Void> finished = new CompletableFuture<>();
                done[w] = finished;
                int worker = w;
                SourceAddress.VERTX.runOnContext(v -> flood.next(worker, finished));
            }
            // Every worker stops sending at the deadline; the last answers may take their idle timeout.
            CompletableFuture.allOf(done).get(duration.toSeconds() + 30, TimeUnit.SECONDS);
        } finally {
            client.close();
        }
        Map<Integer, Long> byStatus = new TreeMap<>();
        statuses.forEach((status, n) -> byStatus.put(status, n.sum()));
        return new Tally(byStatus, (System.nanoTime() - start) / 1e9);
    }

    /** The shared state of one run; {@code slotNanos} apart, slots numbered by {@code slots} (0: unpaced). */
    private record Flood(HttpClient client, Script script, long start, long deadline, long slotNanos, AtomicLong slots,
                         Map<Integer, LongAdder> statuses) {

        void next(int worker, CompletableFuture<Void> finished) {
            long now = System.nanoTime();
            if (now >= deadline) {
                finished.complete(null);
                return;
            }
            long due = slotNanos == 0 ? now : start + slots.getAndIncrement() * slotNanos;
            if (due >= deadline) {
                finished.complete(null);
            } else if (due - now >= 1_000_000) {
                SourceAddress.VERTX.setTimer((due - now) / 1_000_000, id -> send(worker, finished));
            } else {
                send(worker, finished);
            }
        }

        private void send(int worker, CompletableFuture<Void> finished) {
            Call call;
            try {
                call = script.next(worker);
            } catch (RuntimeException e) {
                finished.completeExceptionally(e);
                return;
            }
            RequestOptions options = new RequestOptions().setMethod(call.method()).setAbsoluteURI(call.url()).setIdleTimeout(5_000);
            if (call.json() != null) {
                options.putHeader("Content-Type", "application/json");
            }
            client.request(options)
                    .compose(request -> call.json() == null ? request.send() : request.send(call.json()))
                    .compose(response -> response.body().compose(body -> {
                        script.answered(worker, response.statusCode(), body);
                        return Future.succeededFuture(response.statusCode());
                    }))
                    .onComplete(ar -> {
                        statuses.computeIfAbsent(ar.succeeded() ? ar.result() : Tally.NO_ANSWER, k -> new LongAdder()).increment();
                        next(worker, finished);
                    });
        }
    }
}
