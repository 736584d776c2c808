package io.streamhub.config.apps;

import io.streamhub.config.play.P2pTiming;
import io.streamhub.shared.app.EffectiveAppConfig.Mode;
import io.streamhub.shared.app.EffectiveAppConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The rules a schema cannot say well, checked on the effective config (docs/app-config.md, "Validation"). */
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

    static List<Breach> check(String appFromFileName, EffectiveAppConfig effective) {
        List<Breach> out = new ArrayList<>();
        String app = effective.app();
        if (!app.equals(appFromFileName)) {
            out.add(new Breach(FieldPath.of("app"), "'" + app + "' must equal the file name '" + appFromFileName + "'"));
        }
        EffectiveAppConfig.Distribution d = effective.distribution();
        Mode mode = d.mode();
        Optional<String> cdnBase = d.cdn().flatMap(EffectiveAppConfig.Cdn::baseUrl);
        if (mode.usesCdn() && cdnBase.orElse("").isEmpty()) {
            out.add(new Breach(FieldPath.of("distribution", "cdn", "base_url"), "is required for mode " + mode.wire(), FieldPath.of("distribution", "mode")));
        }
        if (mode == Mode.EDGE && d.edges().isEmpty()) {
            out.add(new Breach(FieldPath.of("distribution", "edges"), "needs at least one edge for mode edge", FieldPath.of("distribution", "mode")));
        }
        boolean p2p = d.p2p().enabled();
        if (p2p && !mode.usesP2p()) {
            out.add(new Breach(FieldPath.of("distribution", "p2p", "enabled"), "P2P needs mode p2p or hybrid (mode is " + mode.wire() + ")", FieldPath.of("distribution", "mode")));
        }
        if (p2p && d.playback().signed()) {
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
        cdnBase.ifPresent(url -> checkUrl(out, url, FieldPath.of("distribution", "cdn", "base_url")));
        for (int i = 0; i < d.edges().size(); i++) {
            checkUrl(out, d.edges().get(i).url(), FieldPath.of("distribution", "edges", i, "url"));
        }
        for (int i = 0; i < d.p2p().trackers().size(); i++) {
            checkUrl(out, d.p2p().trackers().get(i), FieldPath.of("distribution", "p2p", "trackers", i));
        }
        return out;
    }

    /** The schema checked the scheme; this checks the rest parses and names a host. */
    private static void checkUrl(List<Breach> out, String value, FieldPath path) {
        try {
            URI uri = new URI(value);
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                out.add(new Breach(path, "'" + value + "' has no host"));
            } else if (uri.getQuery() != null || uri.getFragment() != null) {
                out.add(new Breach(path, "'" + value + "' must not carry a query or fragment"));
            }
        } catch (URISyntaxException e) {
            out.add(new Breach(path, "'" + value + "' is not a valid URL: " + e.getReason()));
        }
    }
}
