package io.streamhub.egress.reconcile;

import io.streamhub.egress.config.OrchestratorConfig;
import io.streamhub.egress.driver.EgressApi;
import io.streamhub.egress.driver.EgressApiException;
import io.streamhub.egress.driver.MediaNode;
import io.streamhub.egress.driver.MediaNodes;
import io.streamhub.egress.driver.RoomSnapshot;
import io.streamhub.egress.rooms.AppPlans;
import io.streamhub.egress.rooms.RoomState;
import io.streamhub.egress.rooms.RoomStatus;
import io.streamhub.egress.rooms.RoomStore;
import io.streamhub.shared.RoomId;
import io.streamhub.shared.app.AppConfigUnavailableException;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * One level-triggered pass over the whole fleet: every media node's rooms and egress are listed once,
 * every known room is converged by {@link RoomReconciler}, and rooms LiveKit has that we do not know
 * (a lost webhook) are adopted. A room its node no longer lists has ended.
 */
@Singleton
public class FleetPass {

    private static final Logger LOG = Logger.getLogger(FleetPass.class);

    private final RoomReconciler reconciler;
    private final RoomStore store;
    private final AppPlans plans;
    private final MediaNodes nodes;
    private final EgressApi api;
    private final EgressMetrics metrics;
    private final OrchestratorConfig config;

    public FleetPass(RoomReconciler reconciler, RoomStore store, AppPlans plans, MediaNodes nodes, EgressApi api,
                     EgressMetrics metrics, OrchestratorConfig config) {
        this.reconciler = reconciler;
        this.store = store;
        this.plans = plans;
        this.nodes = nodes;
        this.api = api;
        this.metrics = metrics;
        this.config = config;
    }

    public void reconcileAll() {
        nodes.refresh();
        Map<RoomId, String> discovered = new HashMap<>();
        Map<String, Set<String>> listed = new HashMap<>();
        NodeListing egress = new NodeListing();
        for (MediaNode node : nodes.all()) {
            try {
                Set<String> names = new HashSet<>();
                for (RoomSnapshot r : api.listRooms(node)) {
                    names.add(r.name());
                    RoomId id = RoomId.fromLivekitRoomName(r.name(), config.roomNameSeparator());
                    if (id != null && (config.startOn() == OrchestratorConfig.StartOn.ROOM_STARTED || r.publishers() > 0)) {
                        discovered.put(id, node.id());
                    }
                }
                listed.put(node.id(), names);
                metrics.nodeReachable(node.id(), true);
                listEgress(node, egress);
            } catch (EgressApiException e) {
                metrics.nodeReachable(node.id(), false);
                LOG.debugf("listing rooms on %s failed: %s", node.id(), e.getMessage());
            }
        }
        Map<RoomStatus, Integer> seen = new EnumMap<>(RoomStatus.class);
        for (RoomId room : store.all()) {
            discovered.remove(room);
            String name = room.livekitRoomName(config.roomNameSeparator());
            reconciler.ensure(room, (current, now) -> {
                RoomState next = current;
                // A room its node no longer lists has finished, even if its webhook was lost.
                if (current != null && current.status() != RoomStatus.ENDED && listed.containsKey(current.livekitNode())
                        && !listed.get(current.livekitNode()).contains(name)) {
                    next = current.with(RoomStatus.ENDED, now);
                }
                if (next != null) {
                    seen.merge(next.status(), 1, Integer::sum);
                }
                return next;
            }, egress, Duration.ZERO);
        }
        metrics.roomsSeen(seen);
        // Rooms whose webhook we missed: adopt them as if room_started had arrived.
        discovered.forEach((room, node) -> {
            if (hasPlan(room)) {
                reconciler.ensure(room, (current, now) -> current != null ? current : RoomState.fresh(room, node, RoomStatus.STARTING, now));
            }
        });
        metrics.pass();
    }

    /** An app whose config cannot be read is not adopted now; the next pass asks again. */
    private boolean hasPlan(RoomId room) {
        try {
            return plans.plan(room.app()).isPresent();
        } catch (AppConfigUnavailableException e) {
            return false;
        }
    }

    private void listEgress(MediaNode node, NodeListing into) {
        try {
            into.add(node.id(), api.listActive(node, null));
        } catch (EgressApiException e) {
            // Without it, each room of the node lists its own egress, as before.
            LOG.debugf("listing egress on %s failed: %s", node.id(), e.getMessage());
        }
    }
}
