package io.streamhub.router.proxy;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** A master that names at most two rooms in its per-room byte counts. */
public class CappedRoomsProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "router.role", "master",
                "router.node-id", "test-capped-master",
                "router.proxy.owner-ttl", "60s",
                "router.room-metrics-max", "2");
    }
}
