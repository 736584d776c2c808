package io.streamhub.viewing.play;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamhub.shared.app.EffectiveAppConfig.Edge;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EdgeChooserTest {

    static final Edge EU1 = new Edge("https://eu1.example", Optional.of("eu"));
    static final Edge EU2 = new Edge("https://eu2.example", Optional.of("eu"));
    static final Edge US = new Edge("https://us.example", Optional.of("us"));
    static final Edge NOZONE = new Edge("https://any.example", Optional.empty());
    static final List<Edge> EDGES = List.of(EU1, EU2, US, NOZONE);

    @Test
    void everyEdgeOfAZoneDownSendsItsViewersToAnEdgeThatIsUp() {
        EdgeChooser.Choice c = EdgeChooser.choose(EDGES, Optional.of("eu"), "main", e -> e.zone().equals(Optional.of("eu")));
        assertTrue(Set.of(US, NOZONE).contains(c.edge()));
        assertTrue(c.reason().contains("every edge in the viewer's zone eu is down"), c.reason());
    }

    @Test
    void whenEveryProbeFailedTheZoneStillDecides() {
        EdgeChooser.Choice c = EdgeChooser.choose(EDGES, Optional.of("us"), "main", e -> true);
        assertEquals(US, c.edge());
        assertTrue(c.reason().startsWith("every edge failed its last probe"), c.reason());
    }

    @Test
    void edgesNeverProbedCountAsUp() {
        assertTrue(Set.of(EU1, EU2).contains(EdgeChooser.choose(EDGES, Optional.of("eu"), "x", e -> false).edge()));
        assertEquals(US, EdgeChooser.choose(List.of(US), Optional.empty(), "x", e -> false).edge());
    }
}
