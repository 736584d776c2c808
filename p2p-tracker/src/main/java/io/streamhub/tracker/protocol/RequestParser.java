package io.streamhub.tracker.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes client frames with Jackson's streaming parser, straight from their UTF-8 bytes. The SDP
 * objects of offers and answers are not decoded: their exact JSON text is cut out of the frame and
 * relayed as is, which keeps the tracker's cost per relayed offer to one copy.
 */
public final class RequestParser {

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build())
            .build();

    private final int maxOffers;
    private final int maxScrapeHashes;

    public RequestParser(int maxOffers, int maxScrapeHashes) {
        this.maxOffers = maxOffers;
        this.maxScrapeHashes = maxScrapeHashes;
    }

    /**
     * Decodes a frame as received, UTF-8 bytes: nothing is converted to a string but the short
     * fields and the SDP objects that are relayed.
     */
    public TrackerRequest parse(byte[] frame) throws ProtocolException {
        Fields f = new Fields();
        try (JsonParser p = JSON.createParser(frame)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new ProtocolException("invalid message: expected a JSON object", null, null);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                readField(name, value, p, frame, f);
            }
            if (p.nextToken() != null) {
                throw new ProtocolException("invalid message: trailing data", f.action, null);
            }
        } catch (IOException e) {
            throw new ProtocolException("invalid message: malformed JSON", f.action, null);
        }
        return f.build();
    }

    private void readField(String name, JsonToken value, JsonParser p, byte[] frame, Fields f)
            throws IOException, ProtocolException {
        switch (name) {
            case "action" -> {
                f.action = Action.fromWire(text(p, value, name, f));
                if (f.action == null) {
                    throw new ProtocolException("unknown action", null, null);
                }
            }
            case "info_hash" -> {
                if (value == JsonToken.START_ARRAY) {
                    f.infoHashes = readIds(p, name, f);
                } else {
                    f.infoHash = id(p, value, name, f);
                }
            }
            case "peer_id" -> f.peerId = id(p, value, name, f);
            case "to_peer_id" -> f.toPeerId = id(p, value, name, f);
            case "offer_id" -> f.offerId = id(p, value, name, f);
            case "event" -> {
                f.event = AnnounceEvent.fromWire(text(p, value, name, f));
                if (f.event == null) {
                    throw new ProtocolException("event must be started, stopped, completed or update", f.action, null);
                }
            }
            case "left" -> {
                if (!value.isNumeric()) {
                    throw fail(name + " must be a number", f);
                }
                f.seeder = p.getDoubleValue() == 0;
            }
            case "numwant", "uploaded", "downloaded" -> {
                if (!value.isNumeric()) {
                    throw fail(name + " must be a number", f);
                }
            }
            case "offers" -> f.offers = readOffers(p, value, frame, f);
            case "answer" -> f.answerJson = rawObject(p, value, name, frame, f);
            default -> p.skipChildren();
        }
    }

    private List<Offer> readOffers(JsonParser p, JsonToken value, byte[] frame, Fields f)
            throws IOException, ProtocolException {
        if (value != JsonToken.START_ARRAY) {
            throw fail("offers must be an array", f);
        }
        List<Offer> offers = new ArrayList<>(Math.min(maxOffers, 10));
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw fail("each offer must be an object", f);
            }
            String offerId = null;
            RawJson offerJson = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if ("offer_id".equals(name)) {
                    offerId = id(p, v, name, f);
                } else if ("offer".equals(name)) {
                    offerJson = rawObject(p, v, name, frame, f);
                } else {
                    p.skipChildren();
                }
            }
            if (offerId == null || offerJson == null) {
                throw fail("each offer needs offer and offer_id", f);
            }
            // Offers past the cap are still read (the frame must be valid JSON) but not relayed.
            if (offers.size() < maxOffers) {
                offers.add(new Offer(offerId, offerJson));
            }
        }
        return offers;
    }

    private List<String> readIds(JsonParser p, String name, Fields f) throws IOException, ProtocolException {
        List<String> ids = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (ids.size() == maxScrapeHashes) {
                throw fail("at most " + maxScrapeHashes + " info_hashes per scrape", f);
            }
            ids.add(id(p, p.currentToken(), name, f));
        }
        return ids;
    }

    /** The exact JSON text of an object value: from its '{' to the matching '}'. */
    private static RawJson rawObject(JsonParser p, JsonToken value, String name, byte[] frame, Fields f)
            throws IOException, ProtocolException {
        if (value != JsonToken.START_OBJECT) {
            throw fail(name + " must be an object", f);
        }
        int start = (int) p.currentTokenLocation().getByteOffset();
        p.skipChildren();
        int end = (int) p.currentLocation().getByteOffset();
        return new RawJson(frame, start, end - start);
    }

    private static String id(JsonParser p, JsonToken value, String name, Fields f) throws IOException, ProtocolException {
        String s = text(p, value, name, f);
        if (!BinaryId.isValid(s)) {
            throw fail(name + " must be 20 bytes", f);
        }
        return s;
    }

    private static String text(JsonParser p, JsonToken value, String name, Fields f) throws IOException, ProtocolException {
        if (value != JsonToken.VALUE_STRING) {
            throw fail(name + " must be a string", f);
        }
        return p.getText();
    }

    private static ProtocolException fail(String reason, Fields f) {
        return new ProtocolException(reason, f.action, f.infoHash);
    }

    /** Fields as they are read; field order in a frame is free. */
    private static final class Fields {
        Action action;
        String infoHash;
        List<String> infoHashes;
        String peerId;
        AnnounceEvent event = AnnounceEvent.NONE;
        boolean seeder;
        List<Offer> offers = List.of();
        String toPeerId;
        String offerId;
        RawJson answerJson;

        TrackerRequest build() throws ProtocolException {
            if (action == null) {
                throw new ProtocolException("missing action", null, null);
            }
            if (action == Action.SCRAPE) {
                List<String> hashes = infoHashes != null ? infoHashes : infoHash != null ? List.of(infoHash) : List.of();
                if (hashes.isEmpty()) {
                    throw new ProtocolException("scrape needs info_hash: full scrapes are not served", action, null);
                }
                return new TrackerRequest(action, null, hashes, null, event, false, List.of(), null, null, null);
            }
            if (infoHash == null) {
                throw new ProtocolException("announce needs one info_hash", action, null);
            }
            if (peerId == null) {
                throw new ProtocolException("announce needs peer_id", action, infoHash);
            }
            if (answerJson != null && (toPeerId == null || offerId == null)) {
                throw new ProtocolException("an answer needs to_peer_id and offer_id", action, infoHash);
            }
            return new TrackerRequest(action, infoHash, null, peerId, event, seeder, offers, toPeerId, offerId, answerJson);
        }
    }
}
