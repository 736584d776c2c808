package io.streamhub.tracker.core;

import io.streamhub.shared.rate.TokenBucket;

/**
 * One client address's share of the tracker: the connections it holds (upgrades still being decided
 * included), those connections oldest first, and its announce budget. The order is a list threaded
 * through the sessions, so a connection costs no node of its own; entries holding the same count
 * form a list too, so the address holding the most is found without a walk. Guarded by
 * {@link AddressLimits}'s lock, except the budget, which its connections' event loops share.
 */
final class AddressEntry {

    final long key;
    int count;
    Session oldest;
    Session newest;
    AddressEntry prevSameCount;
    AddressEntry nextSameCount;
    private final TokenBucket announces;

    AddressEntry(long key, double announcesPerSecond, int burst, long now) {
        this.key = key;
        this.announces = new TokenBucket(announcesPerSecond, burst, now);
    }

    synchronized boolean tryAnnounce(long now) {
        return announces.tryTake(now);
    }
}
