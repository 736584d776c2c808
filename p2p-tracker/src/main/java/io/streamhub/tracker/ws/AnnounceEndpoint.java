package io.streamhub.tracker.ws;

import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.streamhub.tracker.config.TrackerConfig;
import io.streamhub.tracker.core.Refusal;
import io.streamhub.tracker.core.Session;
import io.streamhub.tracker.core.SessionRegistry;
import io.streamhub.tracker.core.TrackerCore;
import io.streamhub.tracker.metrics.TrackerMetrics;
import io.streamhub.tracker.policy.AppPolicies;
import io.streamhub.tracker.policy.AppPolicy;
import io.streamhub.tracker.protocol.ProtocolException;
import io.streamhub.tracker.protocol.RequestParser;
import io.streamhub.tracker.protocol.TrackerRequest;
import io.vertx.core.buffer.Buffer;
import org.jboss.logging.Logger;

/**
 * The tracker's WebSocket endpoint, {@code /announce/<app>/<room>}. Transport only: frames are
 * decoded, the app's policy applied, and the request handed to {@link TrackerCore}. Everything runs
 * on the connection's event loop; nothing here blocks.
 */
@WebSocket(path = "/announce/{app}/{room}")
public class AnnounceEndpoint {

    private static final Logger LOG = Logger.getLogger(AnnounceEndpoint.class);
    static final int POLICY_CLOSE_CODE = 1008;

    private final TrackerCore core;
    private final SessionRegistry sessions;
    private final AppPolicies policies;
    private final TrackerMetrics metrics;
    private final TrackerConfig config;
    private final RequestParser parser;

    public AnnounceEndpoint(TrackerCore core, SessionRegistry sessions, AppPolicies policies,
                            TrackerMetrics metrics, TrackerConfig config) {
        this.core = core;
        this.sessions = sessions;
        this.policies = policies;
        this.metrics = metrics;
        this.config = config;
        this.parser = new RequestParser(config.maxOffersPerAnnounce(), config.maxSwarmsPerConnection());
    }

    @OnOpen
    @NonBlocking
    void onOpen(WebSocketConnection connection) {
        metrics.connectionOpened();
        WsLink link = new WsLink(connection, metrics, config.maxPendingBytes());
        sessions.add(new Session(connection.id(), connection.pathParam("app"), connection.pathParam("room"),
                connection.handshakeRequest().header("Origin"), link,
                config.announcesPerSecond(), config.announceBurst(), System.currentTimeMillis()));
    }

    @OnTextMessage
    @NonBlocking
    void onMessage(String frame, WebSocketConnection connection) {
        Session session = sessions.get(connection.id());
        if (session == null) {
            return;
        }
        metrics.received(frame.length());
        long now = System.currentTimeMillis();
        TrackerRequest request;
        try {
            request = parser.parse(frame);
        } catch (ProtocolException e) {
            core.refuse(session, Refusal.MALFORMED, e.getMessage(), e.action(), e.infoHash());
            return;
        }
        AppPolicy policy = policies.cached(session.app(), now);
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

    @OnBinaryMessage
    @NonBlocking
    void onBinary(Buffer frame, WebSocketConnection connection) {
        Session session = sessions.get(connection.id());
        if (session != null) {
            metrics.received(frame.length());
            core.refuse(session, Refusal.MALFORMED, "invalid message: binary frames are not part of the protocol", null, null);
        }
    }

    @OnClose
    @NonBlocking
    void onClose(WebSocketConnection connection) {
        Session session = sessions.remove(connection.id());
        if (session != null) {
            core.disconnect(session);
            metrics.connectionClosed();
        }
    }

    @OnError
    @NonBlocking
    void onError(Throwable failure, WebSocketConnection connection) {
        // Hostile or broken clients (oversized frames, protocol errors) are routine: close, don't alarm.
        LOG.debugf("connection %s failed: %s", connection.id(), failure.toString());
        Session session = sessions.get(connection.id());
        if (session != null) {
            session.link().close(1002, "protocol error");
        }
    }
}
