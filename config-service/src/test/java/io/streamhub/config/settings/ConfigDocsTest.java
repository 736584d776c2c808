package io.streamhub.config.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamhub.testsupport.DocumentedConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/configuration.md, "config-service", lists exactly ServiceConfig's properties, with its defaults. */
class ConfigDocsTest {

    @Test
    void theDocumentedPropertiesAreTheMappingsProperties() throws Exception {
        assertEquals(List.of(), DocumentedConfig.problems(ServiceConfig.class, "streamhub.config", "config-service"));
    }
}
