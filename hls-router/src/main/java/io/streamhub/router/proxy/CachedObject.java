package io.streamhub.router.proxy;

import io.streamhub.router.http.Representation;

/**
 * What the shield cache keeps for one path: a body ({@code status 200}) or the fact that there is
 * none ({@code 404}, the negative cache). Times are epoch millis.
 *
 * @param freshUntil served without asking upstream until then
 * @param staleUntil after freshness, still served while the upstream fails, until then
 * @param bornAt     when the origin made this copy (the fetch, less the upstream's {@code Age}):
 *                   what the {@code Age} header counts from
 */
record CachedObject(int status, Representation representation, long freshUntil, long staleUntil, long bornAt) {

    static final long FOREVER = Long.MAX_VALUE;
    /** Bookkeeping per entry, so millions of tiny 404s cannot escape the byte budget. */
    static final int OVERHEAD_BYTES = 256;

    static CachedObject missing(long now, long ttlMillis) {
        return new CachedObject(404, null, now + ttlMillis, now + ttlMillis, now);
    }

    /** Whole seconds since the origin made it, as the {@code Age} header wants. */
    long ageSeconds(long now) {
        return Math.max(0, (now - bornAt) / 1000);
    }

    boolean isFresh(long now) {
        return now < freshUntil;
    }

    boolean isUsableStale(long now) {
        return status == 200 && now < staleUntil;
    }

    int weight() {
        return representation == null ? OVERHEAD_BYTES : (int) Math.min(Integer.MAX_VALUE, representation.length() + OVERHEAD_BYTES);
    }
}
