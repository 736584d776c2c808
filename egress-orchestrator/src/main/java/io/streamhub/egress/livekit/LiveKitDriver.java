package io.streamhub.egress.livekit;

import io.streamhub.egress.config.OrchestratorConfig;
import io.streamhub.egress.driver.EgressApi;
import io.streamhub.egress.driver.EgressDriver;
import jakarta.inject.Singleton;

/** {@code orchestrator.driver=livekit}: the real LiveKit servers of the media nodes. */
@Singleton
public class LiveKitDriver implements EgressDriver {

    @Override
    public OrchestratorConfig.Driver kind() {
        return OrchestratorConfig.Driver.LIVEKIT;
    }

    @Override
    public EgressApi open(OrchestratorConfig config) {
        return new LiveKitEgressApi(config.livekit().timeout());
    }
}
