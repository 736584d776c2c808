package io.streamhub.config.publish;

import io.streamhub.config.apps.Problem;
import io.streamhub.shared.app.EffectiveAppConfig;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the service serves now: the last good configs and their revision, and what happened to the
 * most recent change (a rejection leaves {@code apps} and {@code revision} as they were).
 *
 * @param appliedAt     when {@code revision} went live, or {@code null} before the first success
 * @param rejected      the revision last refused, or {@code null}
 * @param problems      why {@code rejected} was refused
 * @param lastError     an I/O or Redis failure of the last attempt, or {@code null}
 */
public record LiveConfig(Map<String, EffectiveAppConfig> apps, String revision, Instant appliedAt, Instant checkedAt,
                         String rejected, List<Problem> problems, String lastError) {

    static final LiveConfig EMPTY = new LiveConfig(Map.of(), null, null, null, null, List.of(), null);
}
