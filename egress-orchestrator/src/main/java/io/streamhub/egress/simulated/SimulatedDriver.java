package io.streamhub.egress.simulated;

import io.streamhub.egress.config.OrchestratorConfig;
import io.streamhub.egress.driver.EgressApi;
import io.streamhub.egress.driver.EgressDriver;
import jakarta.inject.Singleton;

/** {@code orchestrator.driver=simulated}: the looping test stream for laptops and tests. */
@Singleton
public class SimulatedDriver implements EgressDriver {

    @Override
    public OrchestratorConfig.Driver kind() {
        return OrchestratorConfig.Driver.SIMULATED;
    }

    @Override
    public EgressApi open(OrchestratorConfig config) {
        return new SimulatedEgressApi(config.simulated());
    }
}
