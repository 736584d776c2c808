package io.streamhub.config.apps;

import io.streamhub.shared.app.EffectiveAppConfig;
import java.util.Map;

/**
 * The app configs live now (the last good revision), as everything that serves from them reads them:
 * playback, the player page, reports, edge probes. Implemented by {@code publish/ConfigReloader},
 * which keeps them in step with the source; readers never depend on how.
 */
public interface LiveApps {

    /** Every app with a live config, by name. */
    Map<String, EffectiveAppConfig> apps();

    /** The effective config of one app, or {@code null}. */
    default EffectiveAppConfig app(String app) {
        return apps().get(app);
    }
}
