package io.streamhub.router.proxy;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** A master that answers only its CDN: a token, and the loopback range standing in for the CDN's. */
public class ProtectedMasterProfile implements QuarkusTestProfile {

    static final String TOKEN = "cdn-origin-secret-42";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("router.role", "master", "router.node-id", "protected-master",
                "router.protection.token", TOKEN, "router.protection.allowed-cidrs", "127.0.0.0/8,::1/128");
    }
}
