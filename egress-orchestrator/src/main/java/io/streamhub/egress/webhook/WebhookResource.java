package io.streamhub.egress.webhook;

import io.streamhub.egress.config.OrchestratorConfig;
import io.streamhub.egress.driver.MediaNodes;
import io.streamhub.egress.reconcile.EgressMetrics;
import io.streamhub.egress.reconcile.ReconcileLoop;
import io.streamhub.egress.rooms.RoomStore;
import io.streamhub.shared.RoomId;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import livekit.LivekitWebhook.WebhookEvent;
import org.jboss.logging.Logger;

/**
 * {@code POST /webhooks/livekit}: LiveKit's room and egress events. Verified over the raw body,
 * deduplicated by event id, then handed to the reconcile workers; the reply does not wait for
 * LiveKit calls. Point each media node's LiveKit at {@code …/webhooks/livekit?node=<nodeId>}.
 */
@Path("/webhooks/livekit")
public class WebhookResource {

    private static final Logger LOG = Logger.getLogger(WebhookResource.class);

    private final WebhookVerifier verifier;
    private final WebhookEvents events;
    private final RoomStore store;
    private final ReconcileLoop loop;
    private final EgressMetrics metrics;
    private final OrchestratorConfig config;
    private final MediaNodes nodes;

    public WebhookResource(WebhookVerifier verifier, WebhookEvents events, RoomStore store, ReconcileLoop loop,
                           EgressMetrics metrics, OrchestratorConfig config, MediaNodes nodes) {
        this.verifier = verifier;
        this.events = events;
        this.store = store;
        this.loop = loop;
        this.metrics = metrics;
        this.config = config;
        this.nodes = nodes;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(String body, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                            @QueryParam("node") String node) {
        WebhookEvent event;
        try {
            event = verifier.verify(body == null ? "" : body, authorization);
        } catch (WebhookVerifier.WebhookRejected e) {
            metrics.webhook(false);
            LOG.debugf("webhook refused: %s", e.getMessage());
            return Response.status(401).entity(Map.of("error", e.getMessage())).build();
        }
        metrics.webhook(true);
        if (!event.getId().isEmpty() && !store.firstDelivery(event.getId(), config.webhookDedupTtl().toSeconds())) {
            return Response.ok(Map.of("result", "duplicate")).build();
        }
        String roomName = event.hasRoom() ? event.getRoom().getName()
                : event.hasEgressInfo() ? event.getEgressInfo().getRoomName() : "";
        RoomId room = RoomId.fromLivekitRoomName(roomName, config.roomNameSeparator());
        if (room == null) {
            return Response.ok(Map.of("result", "ignored")).build();
        }
        String from = node != null && !node.isBlank() ? node : nodes.all().size() == 1 ? nodes.all().get(0).id() : null;
        return events.change(event, from)
                .map(change -> {
                    loop.submit(room, change);
                    return Response.ok(Map.of("result", "accepted", "event", event.getEvent(), "room", room.toString())).build();
                })
                .orElseGet(() -> Response.ok(Map.of("result", "ignored", "event", event.getEvent())).build());
    }
}
