package io.streamhub.tracker.policy;

import io.streamhub.tracker.protocol.Refusal;
import io.streamhub.shared.AnnouncePath;
import io.streamhub.shared.app.EffectiveAppConfig;
import java.util.List;
import java.util.Locale;

/**
 * What the tracker needs of an app's effective config ({@code distribution.p2p}): the kill switch and
 * the optional Origin allow-list. {@link #UNKNOWN} stands for an app with no config at all.
 */
public record AppPolicy(boolean known, boolean enabled, List<String> allowedOrigins, int shards) {

    public static final AppPolicy UNKNOWN = new AppPolicy(false, false, List.of(), 1);

    /** The policy of an app's effective config. */
    public static AppPolicy of(EffectiveAppConfig config) {
        EffectiveAppConfig.P2p p2p = config.p2p();
        return new AppPolicy(true, p2p.enabled(), p2p.allowedOrigins().stream().map(AppPolicy::normalize).toList(), p2p.swarmShards());
    }

    /**
     * The shard a connection to {@code path} joins, or -1 when the path names none this app has: a
     * sharded app's rooms need a shard below {@link #shards}; an unsharded one takes none (or 0).
     */
    public int shardOf(AnnouncePath path) {
        if (shards == 1) {
            return path.shard().orElse(0) == 0 ? 0 : -1;
        }
        return path.shard().isPresent() && path.shard().getAsInt() < shards ? path.shard().getAsInt() : -1;
    }

    /** Why a connection from {@code origin} may not use this app's swarms, or {@code null} if it may. */
    public Refusal refusalFor(String origin) {
        if (!known) {
            return Refusal.UNKNOWN_APP;
        }
        if (!enabled) {
            return Refusal.P2P_DISABLED;
        }
        return allowsOrigin(origin) ? null : Refusal.ORIGIN_NOT_ALLOWED;
    }

    /** True when the allow-list is empty or holds this Origin (scheme and host compare case-insensitively). */
    public boolean allowsOrigin(String origin) {
        if (allowedOrigins.isEmpty()) {
            return true;
        }
        return origin != null && allowedOrigins.contains(normalize(origin));
    }

    private static String normalize(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
