package io.streamhub.viewing.play;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.streamhub.config.source.ConfigMapFolder;
import java.nio.file.Path;
import java.util.Map;

/** Two cdn apps, one with WebRTC viewing for its VIPs, and the LiveKit credentials and low caps to test against. */
public class WebrtcAppsResource implements QuarkusTestResourceLifecycleManager {

    static final Path FOLDER = Path.of("target/test-apps-webrtc");
    static final String API_KEY = "APIviewers";
    static final String API_SECRET = "a-secret-of-at-least-thirty-two-chars";

    @Override
    public Map<String, String> start() {
        new ConfigMapFolder(FOLDER).publish(Map.of(
                "auction.yaml", """
                        app: auction
                        distribution:
                          mode: cdn
                          cdn: { base_url: https://cdn.auction.example.com }
                          webrtc: { enabled: true, token_ttl: 2m }
                        """,
                "plainhls.yaml", """
                        app: plainhls
                        distribution:
                          mode: cdn
                          cdn: { base_url: https://cdn.plain.example.com }
                        """));
        return Map.of("streamhub.config.folder", FOLDER.toString(),
                "streamhub.config.webrtc.api-key", API_KEY,
                "streamhub.config.webrtc.api-secret", API_SECRET,
                "streamhub.config.webrtc.max-per-room", "2",
                "streamhub.config.webrtc.max-per-node", "3",
                "streamhub.config.webrtc.max-per-address", "1");
    }

    @Override
    public void stop() {
    }
}
