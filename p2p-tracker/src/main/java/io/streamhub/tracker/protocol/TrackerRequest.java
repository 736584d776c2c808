package io.streamhub.tracker.protocol;

import java.util.List;

/**
 * One decoded client message. For an announce: {@code offers} (already capped), or an answer
 * ({@code toPeerId}, {@code offerId}, {@code answer}). For a scrape: {@code infoHashes}.
 */
public record TrackerRequest(
        Action action,
        String infoHash,
        List<String> infoHashes,
        String peerId,
        AnnounceEvent event,
        boolean seeder,
        List<Offer> offers,
        String toPeerId,
        String offerId,
        RawJson answer) {

    public boolean isAnswer() {
        return answer != null;
    }
}
