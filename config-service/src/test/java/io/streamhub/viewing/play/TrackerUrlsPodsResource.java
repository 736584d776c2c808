package io.streamhub.viewing.play;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.streamhub.config.source.ConfigMapFolder;
import java.nio.file.Path;
import java.util.Map;

/** A sharded and an unsharded p2p app, and the installation's tracker as three pods named by their own URLs. */
public class TrackerUrlsPodsResource implements QuarkusTestResourceLifecycleManager {

    static final Path FOLDER = Path.of("target/test-apps-tracker-pods");
    static final String POD_URLS = "ws://127.0.0.1:8184/announce,ws://127.0.0.1:8185/announce/,wss://tracker-2.example.com/announce";

    @Override
    public Map<String, String> start() {
        new ConfigMapFolder(FOLDER).publish(Map.of(
                "mass.yaml", """
                        app: mass
                        distribution:
                          mode: p2p
                          p2p: { swarm_shards: auto, expected_viewers: 100000 }
                        """,
                "mesh.yaml", """
                        app: mesh
                        distribution:
                          mode: p2p
                        """));
        return Map.of("streamhub.config.folder", FOLDER.toString(),
                "streamhub.config.tracker-pod-urls", POD_URLS);
    }

    @Override
    public void stop() {
    }
}
