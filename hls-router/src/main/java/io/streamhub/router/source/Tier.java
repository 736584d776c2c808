package io.streamhub.router.source;

import jakarta.inject.Qualifier;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean of one tier ({@link HlsSource}, {@link Duty}, the owner directory), so that the role
 * wiring can pick the tiers a role needs without naming the packages that implement them.
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER})
public @interface Tier {

    Kind value();

    enum Kind {
        /** What this node's egress wrote to local disk, and the work that keeps it claimed and bounded. */
        DISK,
        /** Through the shield cache from an upstream router. */
        PROXY,
        /** Redis: the events subscription, the reachability probe, and where rooms are found (with {@link #PROXY}). */
        REDIS
    }
}
