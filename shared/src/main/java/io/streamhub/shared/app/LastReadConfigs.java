package io.streamhub.shared.app;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The rule every reader of {@code <prefix>config:<app>} follows (docs/architecture.md, "The effective
 * config on the wire"): a config it cannot read — a newer {@code schema_version} during a rolling
 * upgrade, or a corrupt value — leaves the last one it read for the app in force, said once in the
 * log; only a missing key means the app has no config.
 */
public final class LastReadConfigs {

    private static final Logger LOG = Logger.getLogger(LastReadConfigs.class);

    private final Map<String, EffectiveAppConfig> last = new ConcurrentHashMap<>();
    private final Map<String, String> complaints = new ConcurrentHashMap<>();

    /**
     * The app's config from the JSON just fetched: empty when there is none ({@code json} null).
     *
     * @throws AppConfigFormatException when the JSON cannot be read and nothing was read for the app before
     */
    public Optional<EffectiveAppConfig> read(String app, String json) {
        if (json == null) {
            last.remove(app);
            complaints.remove(app);
            return Optional.empty();
        }
        try {
            EffectiveAppConfig config = AppConfigJson.read(json);
            last.put(app, config);
            complaints.remove(app);
            return Optional.of(config);
        } catch (AppConfigFormatException e) {
            EffectiveAppConfig before = last.get(app);
            if (!e.getMessage().equals(complaints.put(app, e.getMessage()))) {
                LOG.warnf("config of app %s is not readable (%s); %s", app, e.getMessage(),
                        before == null ? "nothing was read of it before, so nothing is decided on it" : "keeping the config last read");
            }
            if (before == null) {
                throw e;
            }
            return Optional.of(before);
        }
    }
}
