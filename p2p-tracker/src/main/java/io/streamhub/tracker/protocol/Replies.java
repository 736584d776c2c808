package io.streamhub.tracker.protocol;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Builds the tracker's frames as the bittorrent-tracker client reads them. Ids are written once as
 * quoted JSON ({@link #quote}) and reused; SDP objects are spliced in as the raw JSON they came as.
 */
public final class Replies {

    private static final byte[] OFFER_HEAD = ascii("{\"action\":\"announce\",\"offer\":");
    private static final byte[] ANSWER_HEAD = ascii("{\"action\":\"announce\",\"answer\":");
    private static final byte[] OFFER_ID = ascii(",\"offer_id\":");
    private static final byte[] PEER_ID = ascii(",\"peer_id\":");
    private static final byte[] INFO_HASH = ascii(",\"info_hash\":");

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

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

    /** A relayed offer, as UTF-8: the SDP bytes are copied from the offerer's frame, never re-encoded. */
    public static byte[] offer(RawJson offer, String offerId, byte[] quotedPeerId, byte[] quotedInfoHash) {
        return relay(OFFER_HEAD, offer, offerId, quotedPeerId, quotedInfoHash);
    }

    /** A relayed answer, as UTF-8, built like {@link #offer}. */
    public static byte[] answer(RawJson answer, String offerId, byte[] quotedPeerId, byte[] quotedInfoHash) {
        return relay(ANSWER_HEAD, answer, offerId, quotedPeerId, quotedInfoHash);
    }

    /** {@link #quote} as UTF-8 bytes, for ids written into many relayed frames. */
    public static byte[] quoteUtf8(String s) {
        return quote(s).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] relay(byte[] head, RawJson sdp, String offerId, byte[] quotedPeerId, byte[] quotedInfoHash) {
        byte[] quotedOfferId = quoteUtf8(offerId);
        byte[] out = new byte[head.length + sdp.length() + OFFER_ID.length + quotedOfferId.length + PEER_ID.length
                + quotedPeerId.length + INFO_HASH.length + quotedInfoHash.length + 1];
        int at = put(out, 0, head);
        System.arraycopy(sdp.frame(), sdp.offset(), out, at, sdp.length());
        at += sdp.length();
        at = put(out, at, OFFER_ID);
        at = put(out, at, quotedOfferId);
        at = put(out, at, PEER_ID);
        at = put(out, at, quotedPeerId);
        at = put(out, at, INFO_HASH);
        at = put(out, at, quotedInfoHash);
        out[at] = '}';
        return out;
    }

    private static int put(byte[] out, int at, byte[] part) {
        System.arraycopy(part, 0, out, at, part.length);
        return at + part.length;
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
