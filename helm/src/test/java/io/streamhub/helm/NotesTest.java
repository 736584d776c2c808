package io.streamhub.helm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What the operator reads after `helm install` names the right hosts and warns about what is missing. */
class NotesTest {

    private static String notes(String example) {
        String output = example == null ? Chart.installOutput()
                : Chart.installOutput(Chart.root().resolve(Path.of("helm/examples", example)));
        int start = output.indexOf("NOTES:");
        assertTrue(start >= 0, output);
        return output.substring(start);
    }

    @Test
    void defaultsNameTheCdnOriginAndWarnAboutLiveKitCredentials() {
        String notes = notes(null);
        assertTrue(notes.contains("whose origin is:\n       http://origin.streamhub.example.com"), notes);
        assertTrue(notes.contains("http://play.streamhub.example.com/play/<app>/<room>"), notes);
        assertTrue(notes.contains("ws://tracker.streamhub.example.com/announce/<app>/<room>"), notes);
        assertTrue(notes.contains("http://streamhub-egress-orchestrator.streaming.svc:8083/webhooks/livekit?node="), notes);
        assertTrue(notes.contains("WARNING: orchestrator.livekitSecret is not set"), notes);
    }

    @Test
    void productionNamesTlsHostsAndTheConfigMapSource() {
        String notes = notes("production.yaml");
        assertTrue(notes.contains("https://origin.example.com"), notes);
        assertTrue(notes.contains("wss://tracker.example.com/announce/<app>/<room>"), notes);
        assertTrue(notes.contains("Read from the ConfigMap streamhub-apps"), notes);
        assertFalse(notes.contains("WARNING"), notes);
    }

    @Test
    void singleNodeSaysTheEgressIsSimulated() {
        String notes = notes("single-node.yaml");
        assertTrue(notes.contains("SIMULATED driver: it loops sample media for demo:main, plain:main"), notes);
        assertFalse(notes.contains("WARNING"), notes);
    }

    @Test
    void withoutP2pHasNoTrackerStepAndTellsToExposeTheRouter() {
        String notes = notes("without-p2p.yaml");
        assertFalse(notes.contains("Peer-to-peer"), notes);
        assertTrue(notes.contains("the Service streamhub-router-master:8080 (router.ingress is disabled: expose it yourself)"), notes);
    }
}
