package io.streamhub.config.rest;

import io.vertx.core.http.ConnectionPoolTooBusyException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * A request refused by this process's own Redis pool (its wait queue full: a burst here, Redis itself
 * is fine) is a 503 the client may retry in a second, not a 500 with a stack trace per request.
 */
@Provider
public class BusyAsUnavailable implements ExceptionMapper<ConnectionPoolTooBusyException> {

    private static final Logger LOG = Logger.getLogger(BusyAsUnavailable.class);
    private static final long LOG_EVERY_MS = 10_000;
    private final AtomicLong lastLogged = new AtomicLong();

    @Override
    public Response toResponse(ConnectionPoolTooBusyException e) {
        long now = System.currentTimeMillis();
        long last = lastLogged.get();
        if (now - last >= LOG_EVERY_MS && lastLogged.compareAndSet(last, now)) {
            LOG.warnf("Redis pool busy, answering 503 (logged at most every %d s): %s", LOG_EVERY_MS / 1000, e.getMessage());
        }
        return Response.fromResponse(Errors.of(Response.Status.SERVICE_UNAVAILABLE, "busy, retry in a second"))
                .header("Retry-After", "1").build();
    }
}
