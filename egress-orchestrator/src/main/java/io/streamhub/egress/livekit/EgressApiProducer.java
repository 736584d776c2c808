package io.streamhub.egress.livekit;

import io.streamhub.egress.config.OrchestratorConfig;
import io.streamhub.egress.simulated.SimulatedEgressApi;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The egress transport named by {@code orchestrator.driver}. */
public class EgressApiProducer {

    @Produces
    @Singleton
    EgressApi egressApi(OrchestratorConfig config) {
        return config.driver() == OrchestratorConfig.Driver.SIMULATED
                ? new SimulatedEgressApi(config.simulated())
                : new LiveKitEgressApi(config.livekit().timeout());
    }
}
