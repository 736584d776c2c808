package io.streamhub.tracker.policy;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.streamhub.redis.EventSubscription;
import io.streamhub.redis.EventSubscriptions;
import io.streamhub.redis.RedisOps;
import io.streamhub.shared.StreamEvent;
import io.streamhub.tracker.core.Session;
import io.streamhub.tracker.core.SessionRegistry;
import io.streamhub.tracker.core.TrackerCore;
import io.streamhub.tracker.protocol.Action;
import io.streamhub.tracker.protocol.Refusal;
import io.streamhub.tracker.swarm.Peer;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Applies config changes to open connections: when an app's P2P is switched off (or its Origin
 * allow-list no longer admits a connection) its peers get a failure reason and their connections
 * close. {@code config.changed} events make this immediate; a periodic re-check of every app with
 * open connections makes it happen within seconds even if an event is lost.
 */
@ApplicationScoped
public class KillSwitch {

    private static final Logger LOG = Logger.getLogger(KillSwitch.class);
    static final long RECHECK_MS = 5000;
    static final int CLOSE_CODE = 1008;

    private final AppPolicies policies;
    private final SessionRegistry sessions;
    private final TrackerCore core;
    private final RedisOps redis;
    private final Vertx vertx;
    private final EventSubscription subscription;
    private volatile boolean loaded;

    public KillSwitch(AppPolicies policies, SessionRegistry sessions, TrackerCore core, RedisOps redis,
                      EventSubscriptions subscriptions, Vertx vertx) {
        this.policies = policies;
        this.sessions = sessions;
        this.core = core;
        this.redis = redis;
        this.vertx = vertx;
        this.subscription = subscriptions.create(this::onEvent, this::recheckAll);
    }

    void start(@Observes StartupEvent ev) {
        subscription.start();
        vertx.setPeriodic(0, RECHECK_MS, id -> {
            if (!loaded) {
                preload();
            }
            recheckAll();
        });
    }

    /** True once every app's policy was loaded at least once (readiness waits for it). */
    public boolean isLoaded() {
        return loaded;
    }

    private void preload() {
        policies.loadAll()
                .onSuccess(n -> {
                    loaded = true;
                    LOG.infof("loaded the P2P policy of %d apps", n);
                })
                .onFailure(e -> LOG.warnf("cannot load app policies yet (%s); retrying", e.getMessage()));
    }

    void stop(@Observes ShutdownEvent ev) {
        subscription.stop();
    }

    public boolean isSubscribed() {
        return subscription.isSubscribed();
    }

    private void onEvent(StreamEvent event) {
        if (!StreamEvent.CONFIG_CHANGED.equals(event.type())) {
            return;
        }
        if (event.app() == null) {
            recheckAll();
        } else {
            recheck(event.app());
        }
    }

    private void recheckAll() {
        redis.ping();
        sessions.all().stream().map(Session::app).distinct().forEach(this::recheck);
    }

    private void recheck(String app) {
        policies.fetch(app).onSuccess(policy -> enforce(app, policy));
    }

    private void enforce(String app, AppPolicy policy) {
        int closed = 0;
        for (Session s : sessions.all()) {
            if (!s.app().equals(app)) {
                continue;
            }
            Refusal refusal = policy.refusalFor(s.origin());
            if (refusal == null) {
                continue;
            }
            String reason = refusal.message(app);
            for (Peer peer : s.peers()) {
                core.refuse(s, refusal, reason, Action.ANNOUNCE, peer.swarm().key().infoHash());
            }
            s.link().close(CLOSE_CODE, refusal.tag());
            closed++;
        }
        if (closed > 0) {
            LOG.infof("app %s: closed %d connections (%s)", app, closed, policy.enabled() ? "origin no longer allowed" : "p2p off");
        }
    }
}
