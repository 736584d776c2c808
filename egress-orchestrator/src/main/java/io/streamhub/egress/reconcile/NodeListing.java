package io.streamhub.egress.reconcile;

import io.streamhub.egress.driver.EgressSnapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every active egress of each media node, listed once at the start of a reconcile pass: one
 * {@code listEgress} per node instead of one per room, which is what lets a pass scale to thousands
 * of live rooms. Nodes whose listing failed are absent.
 */
final class NodeListing {

    static final NodeListing NONE = new NodeListing();

    private final Map<String, Map<String, List<EgressSnapshot>>> byNode = new HashMap<>();

    void add(String nodeId, List<EgressSnapshot> active) {
        byNode.put(nodeId, active.stream().collect(Collectors.groupingBy(EgressSnapshot::roomName)));
    }

    /** The room's egress on that node as the pass listed them; empty if the node was not listed. */
    Optional<List<EgressSnapshot>> of(String nodeId, String roomName) {
        Map<String, List<EgressSnapshot>> byRoom = byNode.get(nodeId);
        return byRoom == null ? Optional.empty() : Optional.of(byRoom.getOrDefault(roomName, List.of()));
    }
}
