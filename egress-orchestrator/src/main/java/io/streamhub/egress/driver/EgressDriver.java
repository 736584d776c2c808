package io.streamhub.egress.driver;

import io.streamhub.egress.config.OrchestratorConfig;

/**
 * One transport behind {@link EgressApi}, registered as a bean by its own package (the LiveKit SDK
 * adapter, the simulated egress), so that this seam names none of them.
 */
public interface EgressDriver {

    /** The {@code orchestrator.driver} value that selects this transport. */
    OrchestratorConfig.Driver kind();

    EgressApi open(OrchestratorConfig config);
}
