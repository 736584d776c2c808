package io.streamhub.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamhub.testsupport.DocumentedConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/configuration.md, "Common", lists exactly RedisSettings's properties, with its defaults. */
class ConfigDocsTest {

    @Test
    void theDocumentedPropertiesAreTheMappingsProperties() throws Exception {
        assertEquals(List.of(), DocumentedConfig.problems(RedisSettings.class, "streamhub.redis", "Common"));
    }
}
