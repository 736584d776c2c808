package io.streamhub.redis;

/**
 * Tells listeners that the Redis primary changed. A pooled command connection notices a dead primary
 * by itself (the next connection asks Sentinel again), but a subscription is one long-lived connection
 * that may stay open on a node that is no longer the primary; its owner must move it.
 */
public interface PrimaryWatch {

    void addListener(Runnable onSwitch);

    void removeListener(Runnable onSwitch);

    void stop();

    /** A standalone Redis has no failover: nothing to watch. */
    PrimaryWatch NONE = new PrimaryWatch() {
        @Override
        public void addListener(Runnable onSwitch) {
        }

        @Override
        public void removeListener(Runnable onSwitch) {
        }

        @Override
        public void stop() {
        }
    };
}
