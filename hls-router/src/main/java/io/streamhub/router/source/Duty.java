package io.streamhub.router.source;

/**
 * Background work of one {@link Tier} (a timer, a subscription, a folder): started at start-up in the
 * roles that have the tier, stopped at shutdown, and never created in the others.
 */
public interface Duty {

    void start();

    default void stop() {
    }
}
