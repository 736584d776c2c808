package io.streamhub.egress.driver;

import io.streamhub.egress.config.OrchestratorConfig;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The egress transport named by {@code orchestrator.driver}, chosen among the registered {@link EgressDriver}s. */
public class EgressApiProducer {

    @Produces
    @Singleton
    EgressApi egressApi(@Any Instance<EgressDriver> drivers, OrchestratorConfig config) {
        return drivers.stream().filter(d -> d.kind() == config.driver()).findFirst().map(d -> d.open(config))
                .orElseThrow(() -> new IllegalStateException("no egress driver for orchestrator.driver=" + config.driver()));
    }
}
