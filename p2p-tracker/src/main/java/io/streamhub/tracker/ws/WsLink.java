package io.streamhub.tracker.ws;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.streamhub.tracker.core.Refusal;
import io.streamhub.tracker.metrics.TrackerMetrics;
import io.streamhub.tracker.swarm.PeerLink;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link PeerLink} over a websockets-next connection, with backpressure: characters handed to the
 * socket but not yet written are counted, and a reader that lets more than the limit pile up is
 * dropped rather than buffered without bound.
 */
final class WsLink implements PeerLink {

    static final int SLOW_READER_CODE = 1008;

    private final WebSocketConnection connection;
    private final TrackerMetrics metrics;
    private final long maxPending;
    private final AtomicLong pending = new AtomicLong();
    private volatile boolean closed;

    WsLink(WebSocketConnection connection, TrackerMetrics metrics, long maxPending) {
        this.connection = connection;
        this.metrics = metrics;
        this.maxPending = maxPending;
    }

    @Override
    public boolean send(String frame) {
        if (closed) {
            return false;
        }
        int size = frame.length();
        if (pending.addAndGet(size) > maxPending) {
            pending.addAndGet(-size);
            metrics.refused(Refusal.SLOW_READER);
            close(SLOW_READER_CODE, "slow reader");
            return false;
        }
        metrics.sent(size);
        connection.sendText(frame).subscribe().with(ok -> pending.addAndGet(-size), failed -> pending.addAndGet(-size));
        return true;
    }

    @Override
    public void close(int code, String reason) {
        if (closed) {
            return;
        }
        closed = true;
        connection.close(new CloseReason(code, reason)).subscribe().with(ok -> { }, failed -> { });
    }
}
