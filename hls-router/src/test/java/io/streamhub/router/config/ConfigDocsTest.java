package io.streamhub.router.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamhub.testsupport.DocumentedConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/configuration.md, "hls-router", lists exactly RouterConfig's properties, with its defaults. */
class ConfigDocsTest {

    @Test
    void theDocumentedPropertiesAreTheMappingsProperties() throws Exception {
        assertEquals(List.of(), DocumentedConfig.problems(RouterConfig.class, "router", "hls-router"));
    }
}
