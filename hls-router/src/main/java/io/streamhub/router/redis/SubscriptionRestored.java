package io.streamhub.router.redis;

/**
 * Fired when the events subscription is (re)established. Events published while it was down are
 * lost, so listeners treat what they cached as possibly stale.
 */
public record SubscriptionRestored(long atMillis) {
}
