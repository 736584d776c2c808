package io.streamhub.tracker.inbound;

import io.streamhub.tracker.config.TrackerConfig;
import io.streamhub.tracker.core.AddressLimits;
import io.streamhub.tracker.core.Session;
import io.streamhub.tracker.core.SessionRegistry;
import io.streamhub.tracker.core.TrackerCore;
import io.streamhub.tracker.metrics.TrackerMetrics;
import io.streamhub.tracker.policy.AppPolicies;
import io.streamhub.tracker.policy.AppPolicy;
import io.streamhub.tracker.protocol.ProtocolException;
import io.streamhub.tracker.protocol.Refusal;
import io.streamhub.tracker.protocol.RequestParser;
import io.streamhub.tracker.protocol.TrackerRequest;
import jakarta.inject.Singleton;

/**
 * What arrives on an upgraded connection, whatever carries it: a message is decoded, the app's
 * policy applied, and the request handed to {@link TrackerCore}. Nothing here blocks.
 */
@Singleton
public class Inbound {

    static final int POLICY_CLOSE_CODE = 1008;

    private final TrackerCore core;
    private final SessionRegistry sessions;
    private final AppPolicies policies;
    private final TrackerMetrics metrics;
    private final RequestParser parser;
    private final AddressLimits limits;

    public Inbound(TrackerCore core, SessionRegistry sessions, AppPolicies policies, TrackerMetrics metrics, TrackerConfig config,
                   AddressLimits limits) {
        this.core = core;
        this.limits = limits;
        this.sessions = sessions;
        this.policies = policies;
        this.metrics = metrics;
        this.parser = new RequestParser(config.maxOffersPerAnnounce(), config.maxSwarmsPerConnection());
    }

    public void opened(Session session) {
        metrics.connectionOpened();
        sessions.add(session);
    }

    public void text(Session session, byte[] frame, long now) {
        metrics.received(frame.length);
        TrackerRequest request;
        try {
            request = parser.parse(frame);
        } catch (ProtocolException e) {
            core.refuse(session, Refusal.MALFORMED, e.getMessage(), e.action(), e.infoHash());
            return;
        }
        AppPolicy policy = policies.cached(session.app());
        Refusal refusal = policy == null ? Refusal.CONFIG_UNAVAILABLE : policy.refusalFor(session.origin());
        if (refusal != null) {
            core.refuse(session, refusal, refusal.message(session.app()), request.action(), request.infoHash());
            if (refusal != Refusal.CONFIG_UNAVAILABLE) {
                session.link().close(POLICY_CLOSE_CODE, refusal.tag());
            }
            return;
        }
        core.handle(session, request, now);
    }

    public void binary(Session session, int bytes) {
        metrics.received(bytes);
        core.refuse(session, Refusal.MALFORMED, "invalid message: binary frames are not part of the protocol", null, null);
    }

    public void closed(Session session) {
        if (sessions.remove(session.id()) != null) {
            limits.release(session);
            core.disconnect(session);
            metrics.connectionClosed();
        }
    }
}
