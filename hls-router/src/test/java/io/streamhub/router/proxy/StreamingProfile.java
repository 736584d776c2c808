package io.streamhub.router.proxy;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * A master whose upstream deadline is long enough to hold a body half-sent while a test looks at the
 * waiters, and whose send timeout is short enough for a test to see a stalled client dropped.
 */
public class StreamingProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "router.role", "master",
                "router.node-id", "test-streaming-master",
                "router.proxy.owner-ttl", "60s",
                "router.upstream.timeout", "20s",
                "router.proxy.send-timeout", "3s");
    }
}
