package io.streamhub.router.proxy;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** A master router with short windows, so staleness and deadlines can be watched in seconds. */
public class MasterProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "router.role", "master",
                "router.node-id", "test-master",
                "router.proxy.stale-if-error", "2s",
                // Only events (or a failed upstream) may refresh an owner within a test.
                "router.proxy.owner-ttl", "60s",
                // Short, so an outage longer than the grace fits in a test.
                "router.proxy.lost-state-grace", "2s",
                "router.upstream.timeout", "1500ms");
    }
}
