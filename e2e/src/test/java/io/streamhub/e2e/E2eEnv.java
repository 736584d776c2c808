package io.streamhub.e2e;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The environment the end-to-end tests start services with: one home for what each needs to run on this machine. */
final class E2eEnv {

    private E2eEnv() {
    }

    /** config-service reading {@code work/apps} every second, keeping its last good config under {@code work}, handing players {@code hlsUrl}. */
    static Map<String, String> configService(Path work, String hlsUrl, int port) {
        return Map.of("STREAMHUB_CONFIG_FOLDER", work.resolve("apps").toString(),
                "STREAMHUB_CONFIG_POLL_INTERVAL", "1s",
                "STREAMHUB_CONFIG_LAST_GOOD_FILE", work.resolve("config-state/last-good.json").toString(),
                "STREAMHUB_CONFIG_PUBLIC_HLS_URL", hlsUrl, "STREAMHUB_CONFIG_PUBLIC_URL", "http://127.0.0.1:" + port);
    }

    /** The orchestrator with its simulated egress writing {@code rooms} ({@code app:room,…}) into {@code data}, reconciling every second. */
    static Map<String, String> simulatedEgress(Path data, String rooms) {
        return Map.of("ORCHESTRATOR_DRIVER", "simulated", "ORCHESTRATOR_SIMULATED_DATA_DIR", data.toString(),
                "ORCHESTRATOR_SIMULATED_ROOMS", rooms, "ORCHESTRATOR_LIVEKIT_DISCOVER", "false",
                "ORCHESTRATOR_RECONCILE_INTERVAL", "1s");
    }

    /** An origin router, node {@code nodeId}, serving what the egress writes to {@code data}, reachable on {@code port}. */
    static Map<String, String> origin(String nodeId, int port, Path data) {
        return Map.of("ROUTER_ROLE", "origin", "ROUTER_NODE_ID", nodeId, "ROUTER_ADVERTISED_URL", "http://127.0.0.1:" + port,
                "ROUTER_ORIGIN_DATA_DIR", data.toString());
    }

    /** The maps in order, a later one's keys winning. */
    @SafeVarargs
    static Map<String, String> merge(Map<String, String>... parts) {
        Map<String, String> all = new HashMap<>();
        for (Map<String, String> part : parts) {
            all.putAll(part);
        }
        return all;
    }
}
