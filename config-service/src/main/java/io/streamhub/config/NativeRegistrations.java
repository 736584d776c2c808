package io.streamhub.config;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a native image needs registered beyond what the extensions do (resources are listed in
 * application.properties). {@code NativeRegistrationsTest} checks these against what the code
 * really loads.
 * <ul>
 * <li>Caffeine instantiates its generated cache and node classes by name, chosen by the cache's
 * shape; quarkus-caffeine registers common shapes, not the stats limiter's (size + access expiry).
 * <li>JGit fills its message bundle's public fields by reflection from a ResourceBundle.
 * </ul>
 */
@RegisterForReflection(classNames = {
        // viewing/stats/ReportLimiter and ReportBudget: strong keys and values, maximum size, expire after access
        "com.github.benmanes.caffeine.cache.SSMSA",
        "com.github.benmanes.caffeine.cache.PSAMS",
        // GitSource: error messages
        "org.eclipse.jgit.internal.JGitText",
}, methods = false, fields = true)
public final class NativeRegistrations {

    private NativeRegistrations() {
    }
}
