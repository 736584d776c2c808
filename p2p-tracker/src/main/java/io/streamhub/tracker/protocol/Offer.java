package io.streamhub.tracker.protocol;

/** One offer of an announce: its id and the SDP object as raw JSON, relayed untouched. */
public record Offer(String offerId, RawJson offer) {
}
