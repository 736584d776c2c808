package io.streamhub.config.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** config-service settings ({@code streamhub.config.*} / {@code STREAMHUB_CONFIG_*}); defaults in docs/configuration.md. */
@ConfigMapping(prefix = "streamhub.config")
public interface ServiceConfig {

    /** Where app files come from: {@code folder} (a mounted ConfigMap) or {@code git}. */
    @WithDefault("folder")
    SourceKind source();

    /** The folder of {@code <app>.yaml} files (folder source). */
    @WithDefault("examples/apps")
    Path folder();

    Git git();

    /** Safety-net poll: also catches changes a file watcher misses (and drives the Git source). */
    @WithDefault("5s")
    Duration pollInterval();

    /** Base URL of the public HLS router (or its CDN-less ingress), for playlist URLs when no CDN is set. */
    @WithDefault("http://127.0.0.1:8080")
    String publicHlsUrl();

    /** Base URL of this service as viewers reach it, for {@code playUrl}. */
    @WithDefault("http://127.0.0.1:8081")
    String publicUrl();

    /** Tracker announce base used when an app lists no trackers of its own. */
    @WithDefault("ws://127.0.0.1:8084/announce")
    String defaultTrackerUrl();

    /** Bearer token required by endpoints that change state; unset means they are disabled. */
    Optional<String> adminToken();

    /** Price table for estimates: USD per GB by provider as volume tiers (defaults in application.properties). */
    Map<String, String> pricePerGb();

    /** USD per 10,000 HTTPS requests by provider. */
    Map<String, Double> pricePer10kRequests();

    enum SourceKind { FOLDER, GIT }

    interface Git {
        /** Repository to clone, e.g. {@code https://git.example.com/ops/streamhub-apps.git}. */
        Optional<String> uri();

        @WithDefault("main")
        String branch();

        /** Folder inside the repository holding the app files. */
        @WithDefault("apps")
        String path();

        /** Where the clone lives. */
        @WithDefault("${java.io.tmpdir}/streamhub-config-git")
        Path checkout();

        /** HTTPS credentials (a token as password works for most hosts). */
        Optional<String> username();

        Optional<String> password();
    }
}
