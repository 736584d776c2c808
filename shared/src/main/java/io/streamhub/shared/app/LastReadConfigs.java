package io.streamhub.shared.app;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The rule every reader of {@code <prefix>config:<app>} follows (docs/architecture.md, "Recovery
 * rules"): unknown is not disabled.
 * <ul>
 * <li>a config it cannot read (a newer {@code schema_version} during a rolling upgrade, a corrupt
 * value) leaves the last one it read for the app in force;</li>
 * <li>a missing key means "removed" only when the app index ({@link AppIndex}) is there and does not
 * list the app; a key missing otherwise (Redis lost its data, or a partial write) also leaves the last
 * config read in force, until config-service rewrites it on its next poll;</li>
 * <li>with nothing read before, either case is {@link AppConfigUnavailableException}: not ready for that app.</li>
 * </ul>
 * Each state is said once in the log.
 */
public final class LastReadConfigs {

    private static final Logger LOG = Logger.getLogger(LastReadConfigs.class);

    private final Map<String, EffectiveAppConfig> last = new ConcurrentHashMap<>();
    private final Map<String, String> complaints = new ConcurrentHashMap<>();

    /**
     * The app's config from the JSON just fetched ({@code json}, null when the key is missing) and the
     * app index fetched with it ({@code indexJson}, null when missing): empty when the app was removed.
     *
     * @throws AppConfigUnavailableException when nothing can be decided and nothing was read for the app before
     */
    public Optional<EffectiveAppConfig> read(String app, String json, String indexJson) {
        if (json == null) {
            AppIndex index = AppIndex.read(indexJson);
            if (index != null && !index.lists(app)) {
                last.remove(app);
                complaints.remove(app);
                return Optional.empty();
            }
            return keepLast(app, new AppConfigUnavailableException(index == null
                    ? "its config and the app index are missing from Redis" : "its config is missing from Redis though the app index lists it"));
        }
        try {
            EffectiveAppConfig config = AppConfigJson.read(json);
            last.put(app, config);
            if (complaints.remove(app) != null) {
                LOG.infof("config of app %s is readable again", app);
            }
            return Optional.of(config);
        } catch (AppConfigFormatException e) {
            return keepLast(app, e);
        }
    }

    /** The config last read for the app, if any; without one the app's config is unavailable. */
    public Optional<EffectiveAppConfig> last(String app) {
        return Optional.ofNullable(last.get(app));
    }

    private Optional<EffectiveAppConfig> keepLast(String app, AppConfigUnavailableException why) {
        EffectiveAppConfig before = last.get(app);
        if (!why.getMessage().equals(complaints.put(app, why.getMessage()))) {
            LOG.warnf("app %s: %s; %s", app, why.getMessage(),
                    before == null ? "nothing was read of it before, so nothing is decided on it" : "keeping the config last read");
        }
        if (before == null) {
            throw why;
        }
        return Optional.of(before);
    }
}
