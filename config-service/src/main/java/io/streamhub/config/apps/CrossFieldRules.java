package io.streamhub.config.apps;

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
        // A pushed app's viewers go to the bucket's public URL instead of a CDN pulling from the routers.
        if (mode.usesCdn() && cdnBase.orElse("").isEmpty() && d.push().isEmpty()) {
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
        EffectiveAppConfig.Webrtc webrtc = d.webrtc();
        if (webrtc.enabled() && mode == Mode.P2P) {
            out.add(new Breach(FieldPath.of("distribution", "webrtc", "enabled"),
                    "WebRTC viewing needs mode edge (its viewers) or cdn/hybrid (the host's VIPs), not p2p",
                    FieldPath.of("distribution", "mode")));
        }
        if (webrtc.tokenTtlSeconds() < 60 || webrtc.tokenTtlSeconds() > 86_400) {
            out.add(new Breach(FieldPath.of("distribution", "webrtc", "token_ttl"),
                    "must be from 1m to 24h, not " + webrtc.tokenTtl(), FieldPath.of("distribution", "webrtc")));
        }
        d.push().ifPresent(s3 -> checkPush(out, d, s3));
        if (d.vod().enabled() && (d.vod().retentionSeconds() < 3_600 || d.vod().retentionSeconds() > 365 * 86_400L)) {
            out.add(new Breach(FieldPath.of("distribution", "vod", "retention"), "must be from 1h to 365d, not " + d.vod().retention()));
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

    /** What a pushed stream cannot have: it never passes a router (docs/s3.md). */
    private static void checkPush(List<Breach> out, EffectiveAppConfig.Distribution d, EffectiveAppConfig.S3Push s3) {
        FieldPath push = FieldPath.of("distribution", "push", "s3");
        if (d.mode() == Mode.EDGE) {
            out.add(new Breach(push, "a pushed stream is played from the bucket, not from edges: push needs mode cdn, p2p or hybrid",
                    FieldPath.of("distribution", "mode")));
        }
        if (d.p2p().enabled()) {
            out.add(new Breach(FieldPath.of("distribution", "p2p", "enabled"),
                    "P2P checks every segment from a peer against the hash the origin router publishes, and a pushed stream"
                            + " never passes the router: turn P2P off or do not push", push));
        }
        if (d.hls().renditions().size() > 1) {
            out.add(new Breach(FieldPath.of("distribution", "hls", "renditions"),
                    "a pushed stream has one rendition: LiveKit uploads one playlist per egress and no multivariant playlist", push));
        }
        checkUrl(out, s3.publicBaseUrl(), FieldPath.of("distribution", "push", "s3", "public_base_url"));
        s3.endpoint().ifPresent(e -> checkUrl(out, e, FieldPath.of("distribution", "push", "s3", "endpoint")));
    }

    /**
     * What is valid but will likely not work, said as a warning and applied anyway: a P2P app that
     * sets {@code ice_servers: []} while it is reached by public hostnames — viewers behind home NATs
     * then never connect to each other, silently. (No {@code ice_servers} at all gets the
     * installation's default STUN list.)
     */
    static List<Breach> warnings(EffectiveAppConfig effective) {
        List<Breach> out = new ArrayList<>(noStunWarnings(effective));
        if (effective.push().isPresent()) {
            out.add(new Breach(FieldPath.of("distribution", "push", "s3"),
                    "a pushed stream bypasses the routers: viewers get LiveKit's own live window and segment numbering (list_size"
                            + " is not applied, and the numbering starts again when an egress restarts), and the objects carry no"
                            + " Cache-Control: give the bucket or its CDN the caching rules of docs/s3.md"));
            effective.distribution().cdn().flatMap(EffectiveAppConfig.Cdn::baseUrl).ifPresent(u -> out.add(new Breach(
                    FieldPath.of("distribution", "cdn", "base_url"), "is not used by a pushed app: viewers go to push.s3.public_base_url")));
        }
        return out;
    }

    private static List<Breach> noStunWarnings(EffectiveAppConfig effective) {
        EffectiveAppConfig.P2p p2p = effective.p2p();
        boolean noStun = p2p.iceServers().map(List::isEmpty).orElse(false);
        if (!p2p.enabled() || !noStun) {
            return List.of();
        }
        List<String> urls = new ArrayList<>(p2p.trackers());
        effective.distribution().cdn().flatMap(EffectiveAppConfig.Cdn::baseUrl).ifPresent(urls::add);
        effective.distribution().edges().forEach(e -> urls.add(e.url()));
        return urls.stream().filter(CrossFieldRules::isPublic).findFirst()
                .map(url -> List.of(new Breach(FieldPath.of("distribution", "p2p", "ice_servers"),
                        "is empty while viewers come from a public host (" + URI.create(url).getHost()
                                + "): behind home NATs they will not connect to each other; list STUN servers, or leave"
                                + " ice_servers out to get the installation's default", FieldPath.of("distribution", "p2p", "enabled"))))
                .orElse(List.of());
    }

    /** Loopback, .local/.localhost names and private address literals are not public. */
    private static boolean isPublic(String url) {
        String host;
        try {
            host = new URI(url).getHost();
        } catch (URISyntaxException e) {
            return false;
        }
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(java.util.Locale.ROOT).replace("[", "").replace("]", "");
        if (h.equals("localhost") || h.endsWith(".localhost") || h.endsWith(".local") || h.equals("::1")) {
            return false;
        }
        if (h.matches("[0-9.]+")) {
            return !(h.startsWith("127.") || h.startsWith("10.") || h.startsWith("192.168.") || h.matches("172\\.(1[6-9]|2[0-9]|3[01])\\..*"));
        }
        return true;
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
