package io.streamhub.tracker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamhub.testsupport.DocumentedConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/configuration.md, "p2p-tracker", lists exactly TrackerConfig's properties, with its defaults. */
class ConfigDocsTest {

    @Test
    void theDocumentedPropertiesAreTheMappingsProperties() throws Exception {
        assertEquals(List.of(), DocumentedConfig.problems(TrackerConfig.class, "tracker", "p2p-tracker"));
    }
}
