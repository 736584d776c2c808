package io.streamhub.egress.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamhub.testsupport.DocumentedConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/configuration.md, "egress-orchestrator", lists exactly OrchestratorConfig's properties, with its defaults. */
class ConfigDocsTest {

    @Test
    void theDocumentedPropertiesAreTheMappingsProperties() throws Exception {
        assertEquals(List.of(), DocumentedConfig.problems(OrchestratorConfig.class, "orchestrator", "egress-orchestrator"));
    }
}
