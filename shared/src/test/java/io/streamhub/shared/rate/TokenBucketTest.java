package io.streamhub.shared.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    /** How many of {@code attempts} takes at {@code now} succeed. */
    private static int take(TokenBucket bucket, long now, int attempts) {
        int taken = 0;
        for (int i = 0; i < attempts; i++) {
            taken += bucket.tryTake(now) ? 1 : 0;
        }
        return taken;
    }

    @Test
    void aFullBucketAllowsItsBurstThenNothingUntilItRefills() {
        TokenBucket bucket = new TokenBucket(2, 5, 1_000);
        assertEquals(5, take(bucket, 1_000, 10));
        assertFalse(bucket.tryTake(1_499), "half a token after 499 ms at 2/s");
        assertTrue(bucket.tryTake(1_500), "one token after 500 ms");
        assertFalse(bucket.tryTake(1_500));
    }

    @Test
    void refillIsProportionalToTimeAndCappedAtTheBurst() {
        TokenBucket bucket = new TokenBucket(10, 3, 0);
        assertEquals(3, take(bucket, 0, 3));
        assertEquals(2, take(bucket, 200, 5), "200 ms at 10/s is two tokens");
        assertEquals(3, take(bucket, 60_000, 10), "a minute idle refills to the burst, not beyond");
    }

    @Test
    void aSlowRateCountsFractionsOfATokenAcrossCalls() {
        TokenBucket bucket = new TokenBucket(0.5, 1, 0); // one every 2 s
        assertTrue(bucket.tryTake(0));
        for (long t = 100; t < 2_000; t += 100) {
            assertFalse(bucket.tryTake(t), "at " + t + " ms");
        }
        assertTrue(bucket.tryTake(2_000));
    }

    @Test
    void aClockThatStepsBackRefillsNothing() {
        TokenBucket bucket = new TokenBucket(1, 1, 10_000);
        assertTrue(bucket.tryTake(10_000));
        assertFalse(bucket.tryTake(5_000));
        assertFalse(bucket.tryTake(10_999), "time behind the last take does not count twice");
        assertTrue(bucket.tryTake(11_000));
    }

    @Test
    void extremeClocksAndRatesDoNotOverflow() {
        TokenBucket wide = new TokenBucket(1, 4, Long.MIN_VALUE);
        assertEquals(4, take(wide, Long.MIN_VALUE, 10));
        assertEquals(4, take(wide, Long.MAX_VALUE, 10), "a gap wider than a long holds refills to the burst");
        TokenBucket fast = new TokenBucket(Double.MAX_VALUE, Integer.MAX_VALUE, 0);
        assertTrue(fast.tryTake(1));
        assertTrue(fast.tryTake(Long.MAX_VALUE));
    }
}
