package io.streamhub.viewing.play;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamhub.config.apps.P2pTiming;
import io.streamhub.config.settings.ServiceConfig;
import io.streamhub.shared.HlsLayout;
import io.streamhub.shared.HlsPath;
import io.streamhub.shared.app.EffectiveAppConfig.Mode;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import io.streamhub.shared.app.EffectiveAppConfig;

/** Derives what a player needs for one room from the app's effective config (docs/app-config.md, "Playback"). */
public final class Playback {

    private Playback() {
    }

    /**
     * {@code edge}: for edge mode, the edge chosen for this viewer ({@link EdgeChooser}); {@code null} otherwise.
     * {@code webrtc}: for apps with WebRTC viewing, what {@link WebrtcViewing} granted; {@code null} otherwise.
     */
    public static ObjectNode of(String app, String room, EffectiveAppConfig effective, ServiceConfig config, EdgeChooser.Choice edge,
                                WebrtcViewing.Answer webrtc) {
        Mode mode = effective.mode();
        String hlsPath = HlsPath.PREFIX + app + '/' + room + '/' + HlsLayout.PUBLIC_PLAYLIST;
        EffectiveAppConfig.Distribution d = effective.distribution();
        String base = mode == Mode.EDGE
                ? (edge != null ? edge.edge().url() : config.publicHlsUrl())
                : d.cdn().flatMap(EffectiveAppConfig.Cdn::baseUrl).orElse(config.publicHlsUrl());
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("app", app).put("room", room).put("mode", mode.wire());
        // A pushed app's viewers play LiveKit's live playlist straight from the bucket's public URL.
        String playlistUrl = d.push().map(s3 -> s3.publicUrl(room, HlsLayout.LIVE_PLAYLIST)).orElse(trim(base) + hlsPath);
        out.put("playlistUrl", playlistUrl);
        // The hosts a page may load this app's playlist from (?playlist= on the player page): its own, none other.
        Stream.concat(Stream.of(playlistUrl, config.publicHlsUrl()), Stream.concat(d.cdn().flatMap(EffectiveAppConfig.Cdn::baseUrl).stream(),
                        d.edges().stream().map(EffectiveAppConfig.Edge::url)))
                .map(Playback::host).filter(Objects::nonNull).collect(Collectors.toCollection(TreeSet::new))
                .forEach(out.putArray("playlistHosts")::add);
        if (edge != null) {
            ObjectNode e = out.putObject("edge").put("url", edge.edge().url()).put("reason", edge.reason());
            edge.edge().zone().ifPresent(z -> e.put("zone", z));
        }
        out.put("playUrl", trim(config.publicUrl()) + "/play/" + app + '/' + room);
        ObjectNode rtc = out.putObject("webrtc");
        if (webrtc instanceof WebrtcViewing.Granted g) {
            rtc.put("enabled", true).put("url", g.url()).put("token", g.token()).put("expiresAt", g.expiresAt());
        } else {
            rtc.put("enabled", false);
            if (webrtc instanceof WebrtcViewing.HlsOnly h) {
                rtc.put("reason", h.reason());
            }
        }
        P2pTiming timing = P2pTiming.of(effective);
        out.putObject("timing").put("segmentSeconds", timing.segmentSeconds())
                .put("liveSyncDurationCount", timing.liveSyncSegments());
        ObjectNode p2p = out.putObject("p2p");
        EffectiveAppConfig.P2p appP2p = effective.p2p();
        p2p.put("enabled", appP2p.enabled());
        if (appP2p.enabled()) {
            // The installation's own tracker may be pod-routed; an app's own trackers are taken as they are.
            boolean own = appP2p.trackers().isEmpty();
            List<String> bases = own ? List.of(config.defaultTrackerUrl()) : appP2p.trackers();
            TrackerUrls.Pods pods = own ? TrackerUrls.Pods.of(config) : TrackerUrls.Pods.NONE;
            int shards = appP2p.swarmShards();
            p2p.put("shards", shards);
            p2p.put("uploadOnMetered", appP2p.uploadOnMetered());
            if (shards == 1) {
                var announce = p2p.putArray("announce");
                bases.forEach(b -> announce.add(TrackerUrls.announce(b, app, room, OptionalInt.empty(), pods)));
            } else {
                // One list per shard: the player keeps one shard and announces to its trackers only.
                var byShard = p2p.putArray("announceShards");
                for (int k = 0; k < shards; k++) {
                    var announce = byShard.addArray();
                    int shard = k;
                    bases.forEach(b -> announce.add(TrackerUrls.announce(b, app, room, OptionalInt.of(shard), pods)));
                }
            }
            var ice = p2p.putArray("iceServers");
            // "none" is how an installation says "no default STUN" (an empty setting means "the built-in list").
            appP2p.iceServers().orElse(config.defaultIceServers()).stream().filter(s -> !s.equals("none"))
                    .forEach(s -> ice.addObject().put("urls", s));
            // One swarm per room (or shard: swarmId/<k>) whatever host the playlist came from (CDN, edge, origin).
            p2p.put("swarmId", app + '/' + room);
            p2p.put("highDemandTimeWindow", timing.highDemandWindowSeconds());
            p2p.put("httpDownloadTimeWindow", timing.p2pDownloadWindowSeconds());
            p2p.put("p2pDownloadTimeWindow", timing.p2pDownloadWindowSeconds());
        }
        return out;
    }

    private static String host(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The URL without a trailing slash, so paths can be appended. */
    static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
