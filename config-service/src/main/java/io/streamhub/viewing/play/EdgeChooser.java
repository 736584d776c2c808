package io.streamhub.viewing.play;

import io.streamhub.shared.app.EffectiveAppConfig.Edge;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Picks the edge an edge-mode viewer plays from (the seed's "viewer router"): one in the viewer's
 * zone that is not known to be down; else any edge not known to be down; else, when every probe
 * failed, the viewer's zone anyway (a probe can be wrong, a playlist URL must exist). Among equals
 * the room decides, so a room's viewers share one edge's cache rather than warming all of them.
 */
public final class EdgeChooser {

    /** The chosen edge and why, as the playback answer explains it. */
    public record Choice(Edge edge, String reason) {
    }

    private EdgeChooser() {
    }

    /** {@code down} says whether the last probe of an edge failed (an edge never probed is not down). */
    public static Choice choose(List<Edge> edges, Optional<String> viewerZone, String room, Predicate<Edge> down) {
        List<Edge> inZone = viewerZone.map(z -> edges.stream().filter(e -> e.zone().filter(z::equals).isPresent()).toList())
                .orElse(List.of());
        List<Edge> upInZone = inZone.stream().filter(down.negate()).toList();
        if (!upInZone.isEmpty()) {
            return new Choice(pick(upInZone, room), "in the viewer's zone " + viewerZone.get());
        }
        List<Edge> up = edges.stream().filter(down.negate()).toList();
        if (!up.isEmpty()) {
            String why = viewerZone.isEmpty() ? "no viewer zone given"
                    : inZone.isEmpty() ? "no edge in the viewer's zone " + viewerZone.get()
                    : "every edge in the viewer's zone " + viewerZone.get() + " is down";
            return new Choice(pick(up, room), why + "; an edge that is up");
        }
        List<Edge> any = inZone.isEmpty() ? edges : inZone;
        return new Choice(pick(any, room), "every edge failed its last probe; " + (inZone.isEmpty() ? "any edge" : "the viewer's zone"));
    }

    private static Edge pick(List<Edge> candidates, String room) {
        return candidates.get(Math.floorMod(room.hashCode(), candidates.size()));
    }
}
