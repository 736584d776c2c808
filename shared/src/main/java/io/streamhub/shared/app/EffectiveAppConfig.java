package io.streamhub.shared.app;

import io.streamhub.shared.HlsLayout;
import io.streamhub.shared.Rendition;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * An app's effective distribution config: its {@code apps/<app>.yaml} with every default filled in
 * ({@link AppDefaults}). config-service publishes it to {@code <prefix>config:<app>} through
 * {@link AppConfigJson}, and every other service reads it back through the same class, so the
 * field names, the defaults and the wire format have this one home.
 *
 * @param version the wire format's version ({@link #VERSION}); a newer one is refused by readers, never guessed at
 */
public record EffectiveAppConfig(int version, String app, Distribution distribution) {

    /** The wire format this code writes and understands. Additive fields keep it; a change of meaning bumps it. */
    public static final int VERSION = 1;

    public EffectiveAppConfig {
        if (app == null || distribution == null) {
            throw new IllegalArgumentException("app and distribution are required");
        }
    }

    public Mode mode() {
        return distribution.mode();
    }

    public Hls hls() {
        return distribution.hls();
    }

    public P2p p2p() {
        return distribution.p2p();
    }

    public Webrtc webrtc() {
        return distribution.webrtc();
    }

    /** The S3 target the egress uploads to, when the app pushes. */
    public Optional<S3Push> push() {
        return distribution.push();
    }

    public Vod vod() {
        return distribution.vod();
    }

    /** The distribution modes of the design's decision matrix. */
    public enum Mode {
        EDGE, CDN, P2P, HYBRID;

        /** The name as the YAML and the JSON spell it. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** True for the modes that pull through a CDN. */
        public boolean usesCdn() {
            return this == CDN || this == HYBRID;
        }

        /** True for the modes built on a viewer mesh. */
        public boolean usesP2p() {
            return this == P2P || this == HYBRID;
        }

        public static Mode ofWire(String value) {
            return Arrays.stream(values()).filter(m -> m.wire().equals(value)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown mode '" + value + "'"));
        }
    }

    /** Which LiveKit egress produces the room's HLS. */
    public enum EgressKind {
        ROOM_COMPOSITE, TRACK_COMPOSITE;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static EgressKind ofWire(String value) {
            return Arrays.stream(values()).filter(k -> k.wire().equals(value)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown egress kind '" + value + "'"));
        }
    }

    /**
     * @param cdn   present when the file names a CDN or the mode needs one
     * @param edges regional HLS edges for edge mode, in the file's order
     */
    public record Distribution(Mode mode, Optional<Cdn> cdn, List<Edge> edges, Hls hls, P2p p2p, Webrtc webrtc, Playback playback,
                               Optional<S3Push> push, Vod vod) {
        public Distribution {
            edges = List.copyOf(edges);
        }
    }

    /** @param baseUrl required for cdn and hybrid (validation says so); absent otherwise */
    public record Cdn(Optional<String> baseUrl, String provider) {
    }

    public record Edge(String url, Optional<String> zone) {
    }

    public record Hls(int segmentSeconds, int listSize, List<String> renditions, EgressKind egress) {
        public Hls {
            renditions = List.copyOf(renditions);
        }

        /** The rendition's folder under the room's folder ({@link HlsLayout#renditionFolder}). */
        public String folderOf(String rendition) {
            return HlsLayout.renditionFolder(renditions, rendition);
        }

        public boolean trackComposite() {
            return egress == EgressKind.TRACK_COMPOSITE;
        }

        /** A ladder of audio-only renditions (radio): a track-composite egress needs no video track. */
        public boolean audioOnly() {
            return renditions.stream().allMatch(r -> Rendition.ofWire(r).map(Rendition::audioOnly).orElse(false));
        }
    }

    /**
     * @param enabled        the kill switch
     * @param trackers       tracker bases; empty means the installation's default tracker
     * @param iceServers     STUN/TURN URLs handed to the player as they are; absent means the installation's
     *                       default STUN list (config-service's {@code default-ice-servers}), {@code []} means none
     * @param allowedOrigins Origins whose pages may use the app (the tracker, config-service's CORS); empty means any
     * @param swarmShards    how many swarms one room's viewers are split into (1 = one swarm), resolved
     *                       from {@code swarm_shards} ({@code auto}: {@link AppDefaults#shardsFor})
     * @param expectedViewers the audience an operator plans a room for; what {@code auto} shards by
     * @param uploadOnMetered whether viewers on a metered or cellular link also upload to peers (they always download)
     */
    public record P2p(boolean enabled, List<String> trackers, Optional<List<String>> iceServers, List<String> allowedOrigins,
                      Optional<P2pTimingOverrides> timing, int swarmShards, int expectedViewers, boolean uploadOnMetered) {
        public P2p {
            trackers = List.copyOf(trackers);
            iceServers = iceServers.map(List::copyOf);
            allowedOrigins = List.copyOf(allowedOrigins);
        }

        /** Whether a page on this Origin may use the app: any when the list is empty (scheme and host compare case-insensitively). */
        public boolean allowsOrigin(String origin) {
            return allowedOrigins.isEmpty() || origin != null && allowedOrigins.stream().anyMatch(o -> originKey(o).equals(originKey(origin)));
        }

        private static String originKey(String origin) {
            String o = origin.trim().toLowerCase(java.util.Locale.ROOT);
            return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
        }
    }

    /** What the file overrides of the P2P timing otherwise derived from the segment length. */
    public record P2pTimingOverrides(OptionalDouble highDemandWindowSeconds, OptionalDouble p2pDownloadWindowSeconds,
                                     OptionalInt liveSyncSegments) {
    }

    public record Playback(boolean signed) {
    }

    /**
     * WebRTC viewing straight from LiveKit.
     *
     * @param tokenTtlSeconds how long a viewer token is valid
     * @param tokenTtl        the same as the file wrote it ({@code 10m}), for the wire format
     */
    public record Webrtc(boolean enabled, long tokenTtlSeconds, String tokenTtl) {
    }

    /**
     * Push: LiveKit's egress uploads the HLS to an S3-compatible bucket, and viewers play it from
     * {@code publicBaseUrl} (a CDN in front of the bucket, or the bucket itself), bypassing the routers.
     *
     * @param endpoint          an S3-compatible endpoint; empty means AWS's for the region
     * @param prefix            key prefix; the room's objects are {@code <prefix><room>/…} ({@link #roomPrefix})
     * @param publicBaseUrl     where {@code <prefix>} is reachable by viewers: {@code <publicBaseUrl>/<room>/…}
     * @param credentialsSecret the Kubernetes Secret holding the access key (mounted into the orchestrator)
     */
    public record S3Push(String bucket, String region, Optional<String> endpoint, String prefix, String publicBaseUrl,
                         String credentialsSecret) {

        /** The key prefix of one room's objects: {@code <prefix><room>/}. */
        public String roomPrefix(String room) {
            return prefix + room + '/';
        }

        /** The public URL of a file of the room ({@code relative} to the room's prefix). */
        public String publicUrl(String room, String relative) {
            String base = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
            return base + '/' + room + '/' + relative;
        }
    }

    /**
     * VOD after the live: an ended session's recording stays playable this long.
     *
     * @param retentionSeconds 0 when the app keeps no VOD
     * @param retention        the same as the file wrote it ({@code 7d}), or empty
     */
    public record Vod(long retentionSeconds, String retention) {

        public static final Vod NONE = new Vod(0, "");

        public boolean enabled() {
            return retentionSeconds > 0;
        }
    }
}
