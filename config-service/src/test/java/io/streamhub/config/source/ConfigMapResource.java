package io.streamhub.config.source;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;

/** Lays out the examples as a mounted ConfigMap before the service starts. */
public class ConfigMapResource implements QuarkusTestResourceLifecycleManager {

    public static final Path FOLDER = Path.of("target/test-apps");

    @Override
    public Map<String, String> start() {
        new ConfigMapFolder(FOLDER).publish(ConfigMapFolder.examples());
        return Map.of("streamhub.config.folder", FOLDER.toString());
    }

    @Override
    public void stop() {
    }
}
