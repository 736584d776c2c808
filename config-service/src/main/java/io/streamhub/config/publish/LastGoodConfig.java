package io.streamhub.config.publish;

import io.quarkus.redis.datasource.RedisDataSource;
import io.streamhub.config.apps.AppConfigValidator;
import io.streamhub.config.settings.ServiceConfig;
import io.streamhub.config.source.AppSource;
import io.streamhub.shared.RedisKeys;
import io.streamhub.shared.app.AppConfigFormatException;
import io.streamhub.shared.app.AppConfigJson;
import io.streamhub.shared.app.AppIndex;
import io.streamhub.shared.app.EffectiveAppConfig;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Where a config-service that has nothing live yet finds the last good config when its source's head
 * is invalid (or unreachable): what Redis holds (the revision the other services are running on),
 * else the copy it kept on disk, else — for Git — the newest earlier commit that validates.
 */
@ApplicationScoped
public class LastGoodConfig {

    private static final Logger LOG = Logger.getLogger(LastGoodConfig.class);

    /** A recovered config and where it came from ({@code redis}, {@code file}, {@code history}). */
    public record Recovered(Map<String, EffectiveAppConfig> apps, String revision, String from) {
    }

    private final RedisDataSource redis;
    private final RedisKeys keys;
    private final Optional<Path> file;
    private final int historyDepth;

    public LastGoodConfig(RedisDataSource redis, RedisKeys keys, ServiceConfig config) {
        this.redis = redis;
        this.keys = keys;
        this.file = config.lastGoodFile();
        this.historyDepth = config.historyDepth();
    }

    /** Keeps the applied config on disk (write to a temporary file, then rename: never half a file). */
    void save(Map<String, EffectiveAppConfig> apps, String revision) {
        if (file.isEmpty()) {
            return;
        }
        JsonObject configs = new JsonObject();
        apps.forEach((app, c) -> configs.put(app, new JsonObject(AppConfigJson.write(c))));
        Path target = file.get();
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            Files.writeString(tmp, new JsonObject().put("revision", revision).put("apps", configs).encode(), StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warnf("cannot keep the last good config in %s: %s", target, e.getMessage());
        }
    }

    Optional<Recovered> recover(AppSource source, AppConfigValidator validator) {
        return fromRedis().or(this::fromFile).or(() -> fromHistory(source, validator));
    }

    private Optional<Recovered> fromRedis() {
        try {
            AppIndex index = AppIndex.read(redis.value(String.class).get(keys.appIndex()));
            if (index == null) {
                return Optional.empty();
            }
            Map<String, EffectiveAppConfig> apps = new HashMap<>();
            for (String app : index.apps()) {
                String json = redis.value(String.class).get(keys.config(app));
                if (json == null) {
                    return Optional.empty(); // partly lost: not a whole revision
                }
                apps.put(app, AppConfigJson.read(json));
            }
            return Optional.of(new Recovered(apps, index.revision(), "redis"));
        } catch (AppConfigFormatException e) {
            LOG.infof("the config in Redis is not one this version reads (%s)", e.getMessage());
            return Optional.empty();
        } catch (RuntimeException e) {
            LOG.infof("Redis cannot say which config is live (%s)", e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<Recovered> fromFile() {
        if (file.isEmpty() || !Files.isRegularFile(file.get())) {
            return Optional.empty();
        }
        try {
            JsonObject kept = new JsonObject(Files.readString(file.get(), StandardCharsets.UTF_8));
            Map<String, EffectiveAppConfig> apps = new HashMap<>();
            JsonObject configs = kept.getJsonObject("apps");
            configs.fieldNames().forEach(app -> apps.put(app, AppConfigJson.read(configs.getJsonObject(app).encode())));
            return Optional.of(new Recovered(apps, kept.getString("revision"), "file"));
        } catch (IOException | DecodeException | ClassCastException | NullPointerException | AppConfigFormatException e) {
            LOG.warnf("the last good config kept in %s is not readable: %s", file.get(), e.toString());
            return Optional.empty();
        }
    }

    private Optional<Recovered> fromHistory(AppSource source, AppConfigValidator validator) {
        try {
            for (AppSource.Snapshot snap : source.history(historyDepth)) {
                AppConfigValidator.Result result = validator.validateFolder(snap.folder());
                if (result.ok()) {
                    return Optional.of(new Recovered(result.apps(), snap.revision(), "history"));
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("cannot read the source's history: %s", e.toString());
        }
        return Optional.empty();
    }
}
