package io.streamhub.router.source;

import jakarta.inject.Qualifier;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the {@link HlsSource} bean of one tier, so that {@link RoleWiring} can pick the tiers a role
 * needs without naming the packages that implement them.
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER})
public @interface Tier {

    Kind value();

    enum Kind {
        /** What this node's egress wrote to local disk. */
        DISK,
        /** Through the shield cache from an upstream router. */
        PROXY
    }
}
