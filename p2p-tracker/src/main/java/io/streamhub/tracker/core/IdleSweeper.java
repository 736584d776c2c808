package io.streamhub.tracker.core;

import io.quarkus.runtime.StartupEvent;
import io.streamhub.tracker.config.TrackerConfig;
import io.streamhub.tracker.protocol.Refusal;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Drops what went silent: peers that have not announced within the idle timeout (a player that
 * stopped a stream without a {@code stopped}) and connections with nothing said for as long. The
 * same walk pings connections that have gone quiet, so one timer serves every connection.
 */
@ApplicationScoped
public class IdleSweeper {

    private static final Logger LOG = Logger.getLogger(IdleSweeper.class);
    static final int IDLE_CLOSE_CODE = 1001;

    private final TrackerCore core;
    private final SessionRegistry sessions;
    private final TrackerConfig config;

    public IdleSweeper(TrackerCore core, SessionRegistry sessions, TrackerConfig config) {
        this.core = core;
        this.sessions = sessions;
        this.config = config;
    }

    void start(@Observes StartupEvent ev, Vertx vertx) {
        vertx.setPeriodic(config.sweepInterval().toMillis(), id -> sweep(System.currentTimeMillis()));
    }

    /** One sweep as of {@code now} (public so a test can look ten minutes ahead). */
    public void sweep(long now) {
        long silentBefore = now - config.idleTimeout().toMillis();
        int peers = core.expireSilentPeers(sessions.all(), silentBefore, now);
        int connections = 0;
        for (Session s : sessions.all()) {
            if (s.lastSeen() < silentBefore) {
                s.link().close(IDLE_CLOSE_CODE, Refusal.IDLE.tag());
                connections++;
            } else {
                s.link().keepAlive(now);
            }
        }
        if (peers > 0 || connections > 0) {
            LOG.debugf("expired %d silent peers, closed %d idle connections", peers, connections);
        }
    }
}
