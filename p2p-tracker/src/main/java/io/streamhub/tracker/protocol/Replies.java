package io.streamhub.tracker.protocol;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * Builds the tracker's frames as the bittorrent-tracker client reads them. Ids are written once as
 * quoted JSON ({@link #quote}) and reused; SDP objects are spliced in as the raw JSON they came as.
 */
public final class Replies {

    private Replies() {
    }

    /** A JSON string literal, quotes included. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8).append('"');
        JsonStringEncoder.getInstance().quoteAsString(s, sb);
        return sb.append('"').toString();
    }

    public static String announce(String quotedInfoHash, long intervalSeconds, int complete, int incomplete) {
        return "{\"action\":\"announce\",\"interval\":" + intervalSeconds + ",\"info_hash\":" + quotedInfoHash
                + ",\"complete\":" + complete + ",\"incomplete\":" + incomplete + '}';
    }

    public static String offer(String offerJson, String offerId, String quotedPeerId, String quotedInfoHash) {
        return "{\"action\":\"announce\",\"offer\":" + offerJson + ",\"offer_id\":" + quote(offerId)
                + ",\"peer_id\":" + quotedPeerId + ",\"info_hash\":" + quotedInfoHash + '}';
    }

    public static String answer(String answerJson, String offerId, String quotedPeerId, String quotedInfoHash) {
        return "{\"action\":\"announce\",\"answer\":" + answerJson + ",\"offer_id\":" + quote(offerId)
                + ",\"peer_id\":" + quotedPeerId + ",\"info_hash\":" + quotedInfoHash + '}';
    }

    /** Scrape reply for the given hashes, each with {@code complete, incomplete, downloaded}. */
    public static String scrape(String[] quotedInfoHashes, int[][] counts) {
        StringBuilder sb = new StringBuilder(64 + quotedInfoHashes.length * 80).append("{\"action\":\"scrape\",\"files\":{");
        for (int i = 0; i < quotedInfoHashes.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(quotedInfoHashes[i]).append(":{\"complete\":").append(counts[i][0])
                    .append(",\"incomplete\":").append(counts[i][1])
                    .append(",\"downloaded\":").append(counts[i][2]).append('}');
        }
        return sb.append("}}").toString();
    }

    /**
     * A refusal. The client only reads a failure inside an {@code announce} or {@code scrape} frame
     * for its own info_hash, so both are included when known.
     */
    public static String failure(String reason, Action action, String infoHash) {
        StringBuilder sb = new StringBuilder(96).append('{');
        if (action != null) {
            sb.append("\"action\":\"").append(action.wire()).append("\",");
        }
        if (infoHash != null) {
            sb.append("\"info_hash\":").append(quote(infoHash)).append(',');
        }
        return sb.append("\"failure reason\":").append(quote(reason)).append('}').toString();
    }
}
