package io.streamhub.config.apps;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/** The rules a schema cannot say well, checked on the effective config (design §1 and §5). */
final class CrossFieldRules {

    /**
     * A rule broken at a place in the document.
     *
     * @param cause where to point when {@code path} is absent from the file: the setting that made the rule apply
     */
    record Breach(FieldPath path, String message, FieldPath cause) {
        Breach(FieldPath path, String message) {
            this(path, message, path);
        }
    }

    private CrossFieldRules() {
    }

    static List<Breach> check(String appFromFileName, JsonNode effective) {
        List<Breach> out = new ArrayList<>();
        String app = effective.path("app").asText();
        if (!app.equals(appFromFileName)) {
            out.add(new Breach(FieldPath.of("app"), "'" + app + "' must equal the file name '" + appFromFileName + "'"));
        }
        JsonNode d = effective.path("distribution");
        String mode = d.path("mode").asText();
        boolean needsCdn = mode.equals("cdn") || mode.equals("hybrid");
        if (needsCdn && d.path("cdn").path("base_url").asText("").isEmpty()) {
            out.add(new Breach(FieldPath.of("distribution", "cdn", "base_url"), "is required for mode " + mode, FieldPath.of("distribution", "mode")));
        }
        if (mode.equals("edge") && d.path("edges").isEmpty()) {
            out.add(new Breach(FieldPath.of("distribution", "edges"), "needs at least one edge for mode edge", FieldPath.of("distribution", "mode")));
        }
        boolean p2p = d.path("p2p").path("enabled").asBoolean();
        if (p2p && !(mode.equals("p2p") || mode.equals("hybrid"))) {
            out.add(new Breach(FieldPath.of("distribution", "p2p", "enabled"), "P2P needs mode p2p or hybrid (mode is " + mode + ")", FieldPath.of("distribution", "mode")));
        }
        if (p2p && d.path("playback").path("signed").asBoolean()) {
            out.add(new Breach(FieldPath.of("distribution", "p2p", "enabled"),
                    "P2P is forbidden with signed playback (distribution.playback.signed: true)",
                    FieldPath.of("distribution", "playback", "signed")));
        }
        P2pTiming timing = P2pTiming.of(effective);
        if (timing.highDemandWindowSeconds() >= timing.p2pDownloadWindowSeconds()) {
            out.add(new Breach(FieldPath.of("distribution", "p2p", "timing", "high_demand_window_seconds"),
                    "must be less than p2p_download_window_seconds (" + timing.p2pDownloadWindowSeconds() + " s), or no segment can come from peers",
                    FieldPath.of("distribution", "p2p", "timing")));
        }
        checkUrl(out, d.path("cdn").path("base_url"), FieldPath.of("distribution", "cdn", "base_url"));
        JsonNode edges = d.path("edges");
        for (int i = 0; i < edges.size(); i++) {
            checkUrl(out, edges.get(i).path("url"), FieldPath.of("distribution", "edges", i, "url"));
        }
        JsonNode trackers = d.path("p2p").path("trackers");
        for (int i = 0; i < trackers.size(); i++) {
            checkUrl(out, trackers.get(i), FieldPath.of("distribution", "p2p", "trackers", i));
        }
        return out;
    }

    /** The schema checked the scheme; this checks the rest parses and names a host. */
    private static void checkUrl(List<Breach> out, JsonNode value, FieldPath path) {
        if (!value.isTextual()) {
            return;
        }
        try {
            URI uri = new URI(value.asText());
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                out.add(new Breach(path, "'" + value.asText() + "' has no host"));
            } else if (uri.getQuery() != null || uri.getFragment() != null) {
                out.add(new Breach(path, "'" + value.asText() + "' must not carry a query or fragment"));
            }
        } catch (URISyntaxException e) {
            out.add(new Breach(path, "'" + value.asText() + "' is not a valid URL: " + e.getReason()));
        }
    }
}
