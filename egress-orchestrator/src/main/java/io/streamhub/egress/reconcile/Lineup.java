package io.streamhub.egress.reconcile;

import io.streamhub.egress.driver.EgressSnapshot;
import io.streamhub.shared.RoomId;
import io.streamhub.egress.rooms.EgressPlan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A room's running egress held against its plan: the one kept per rendition (the oldest, so a
 * restart never replaces a producing egress), the extras to stop, the renditions still missing.
 */
record Lineup(Map<String, EgressSnapshot> kept, List<EgressSnapshot> extras, List<String> missing, List<String> ids) {

    static Lineup of(RoomId room, EgressPlan plan, List<EgressSnapshot> active) {
        Map<String, EgressSnapshot> kept = new HashMap<>();
        List<EgressSnapshot> extras = new ArrayList<>();
        active.stream().sorted(Comparator.comparingLong(EgressSnapshot::startedAtMillis)).forEach(e -> {
            String rendition = EgressRequests.renditionOf(room, plan, e.filenamePrefix());
            if (rendition == null || kept.putIfAbsent(rendition, e) != null) {
                extras.add(e);
            }
        });
        List<String> missing = plan.hls().renditions().stream().filter(r -> !kept.containsKey(r)).toList();
        List<String> ids = plan.hls().renditions().stream().filter(kept::containsKey).map(r -> kept.get(r).egressId()).toList();
        return new Lineup(kept, extras, missing, ids);
    }

    boolean allProducing() {
        return kept.values().stream().allMatch(EgressSnapshot::active);
    }
}
