package io.streamhub.config.publish;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once a config revision is live; a later rejected change or a Redis hiccup does not unready it. */
@Readiness
@ApplicationScoped
public class ConfigReadiness implements HealthCheck {

    private final ConfigReloader reloader;

    public ConfigReadiness(ConfigReloader reloader) {
        this.reloader = reloader;
    }

    @Override
    public HealthCheckResponse call() {
        LiveConfig live = reloader.live();
        return HealthCheckResponse.named("config")
                .withData("source", reloader.sourceDescription())
                .withData("revision", String.valueOf(live.revision()))
                .withData("apps", live.apps().size())
                .withData("lastError", String.valueOf(live.lastError()))
                .status(live.revision() != null)
                .build();
    }
}
