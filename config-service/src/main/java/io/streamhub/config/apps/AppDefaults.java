package io.streamhub.config.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one place per-app defaults live (documented in docs/app-config.md). The effective config —
 * the file with these filled in — is what other services read from Redis.
 */
public final class AppDefaults {

    public static final int SEGMENT_SECONDS = 6;
    public static final int LIST_SIZE = 6;
    public static final String RENDITION = "720p";
    public static final String CDN_PROVIDER = "bunny";

    private AppDefaults() {
    }

    /** A copy of a schema-valid document with every optional field filled in. */
    public static ObjectNode effective(ObjectNode document) {
        ObjectNode doc = document.deepCopy();
        ObjectNode d = object(doc, "distribution");
        String mode = d.path("mode").asText();

        ObjectNode hls = object(d, "hls");
        hls.putIfAbsent("segment_seconds", hls.numberNode(SEGMENT_SECONDS));
        hls.putIfAbsent("list_size", hls.numberNode(LIST_SIZE));
        if (!hls.has("renditions")) {
            hls.putArray("renditions").add(RENDITION);
        }
        hls.putIfAbsent("egress", hls.textNode("room_composite"));

        if (d.has("cdn") || mode.equals("cdn") || mode.equals("hybrid")) {
            object(d, "cdn").putIfAbsent("provider", d.textNode(CDN_PROVIDER));
        }
        if (!d.has("edges")) {
            d.putArray("edges");
        }

        // P2P is on by default exactly in the modes built on it.
        ObjectNode p2p = object(d, "p2p");
        p2p.putIfAbsent("enabled", p2p.booleanNode(mode.equals("p2p") || mode.equals("hybrid")));
        array(p2p, "trackers");
        array(p2p, "ice_servers");
        array(p2p, "allowed_origins");

        object(d, "playback").putIfAbsent("signed", d.booleanNode(false));
        return doc;
    }

    private static ObjectNode object(ObjectNode parent, String field) {
        JsonNode n = parent.get(field);
        return n instanceof ObjectNode o ? o : parent.putObject(field);
    }

    private static ArrayNode array(ObjectNode parent, String field) {
        JsonNode n = parent.get(field);
        return n instanceof ArrayNode a ? a : parent.putArray(field);
    }
}
