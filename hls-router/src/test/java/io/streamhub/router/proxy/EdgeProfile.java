package io.streamhub.router.proxy;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.streamhub.router.support.TestUpstream;
import java.util.Map;

/**
 * An edge in front of a fixed upstream (standing in for a protected master, whose token it sends),
 * whose operator wants every playlist poll revalidated.
 */
public class EdgeProfile implements QuarkusTestProfile {

    static final TestUpstream UPSTREAM = TestUpstream.start();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("router.role", "edge", "router.upstream.url", UPSTREAM.baseUrl() + "/",
                "router.playlist-cache-control", "no-cache", "router.upstream.token", "edge-secret-1");
    }
}
