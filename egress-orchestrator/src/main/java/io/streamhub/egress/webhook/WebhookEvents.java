package io.streamhub.egress.webhook;

import io.streamhub.egress.config.OrchestratorConfig;
import io.streamhub.egress.reconcile.Backoff;
import io.streamhub.egress.reconcile.RoomReconciler;
import io.streamhub.egress.rooms.RoomState;
import io.streamhub.egress.rooms.RoomStatus;
import io.streamhub.shared.RoomId;
import jakarta.inject.Singleton;
import java.util.Optional;
import livekit.LivekitEgress.EgressStatus;
import livekit.LivekitModels.TrackType;
import livekit.LivekitWebhook.WebhookEvent;

/**
 * What each LiveKit event means for a room's state. The effect on egress always comes from the
 * reconciler converging that state against LiveKit, so replaying an event changes nothing.
 */
@Singleton
public class WebhookEvents {

    private final OrchestratorConfig config;

    public WebhookEvents(OrchestratorConfig config) {
        this.config = config;
    }

    /** The state change for an event, or empty for events that concern no egress. */
    public Optional<RoomReconciler.Change> change(WebhookEvent event, String node) {
        boolean onTrack = config.startOn() == OrchestratorConfig.StartOn.TRACK_PUBLISHED;
        return switch (event.getEvent()) {
            case "room_started" -> Optional.of((current, now) -> {
                RoomId room = roomOf(event);
                if (current == null || current.status() == RoomStatus.ENDED) {
                    return RoomState.fresh(room, node, onTrack ? RoomStatus.WAITING : RoomStatus.STARTING, now);
                }
                return node != null && !node.equals(current.livekitNode()) ? current.withNode(node, now) : current;
            });
            case "track_published" -> Optional.of((current, now) -> {
                RoomState s = current == null || current.status() == RoomStatus.ENDED
                        ? RoomState.fresh(roomOf(event), node, RoomStatus.STARTING, now) : current;
                if (s.status() == RoomStatus.WAITING) {
                    s = s.with(RoomStatus.STARTING, now);
                }
                boolean audio = event.getTrack().getType() == TrackType.AUDIO;
                return s.withTracks(audio ? event.getTrack().getSid() : null, audio ? null : event.getTrack().getSid(), now);
            });
            case "room_finished" -> Optional.of((current, now) -> current == null ? null : current.with(RoomStatus.ENDED, now));
            case "egress_started", "egress_updated" -> Optional.of((current, now) -> current);
            case "egress_ended" -> Optional.of((current, now) -> {
                EgressStatus st = event.getEgressInfo().getStatus();
                boolean failed = st == EgressStatus.EGRESS_FAILED || st == EgressStatus.EGRESS_ABORTED || st == EgressStatus.EGRESS_LIMIT_REACHED;
                if (current == null || current.status() == RoomStatus.ENDED || !failed) {
                    return current;
                }
                // The reconciler restarts it once the backoff allows; repeated failures back off further.
                long delay = Backoff.delay(current.attempts(), config.retryInitial(), config.retryMax()).toMillis();
                return current.failedAttempt("egress " + event.getEgressInfo().getEgressId() + " " + st.name().toLowerCase(java.util.Locale.ROOT)
                        + ": " + event.getEgressInfo().getError(), now + delay, now);
            });
            default -> Optional.empty();
        };
    }

    private RoomId roomOf(WebhookEvent event) {
        String name = event.hasRoom() ? event.getRoom().getName() : event.getEgressInfo().getRoomName();
        return RoomId.fromLivekitRoomName(name, config.roomNameSeparator());
    }
}
