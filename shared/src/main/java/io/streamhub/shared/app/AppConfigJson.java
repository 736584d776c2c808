package io.streamhub.shared.app;

import io.streamhub.shared.AnnouncePath;
import io.streamhub.shared.app.EffectiveAppConfig.Cdn;
import io.streamhub.shared.app.EffectiveAppConfig.Distribution;
import io.streamhub.shared.app.EffectiveAppConfig.EgressKind;
import io.streamhub.shared.app.EffectiveAppConfig.Edge;
import io.streamhub.shared.app.EffectiveAppConfig.Hls;
import io.streamhub.shared.app.EffectiveAppConfig.Mode;
import io.streamhub.shared.app.EffectiveAppConfig.P2p;
import io.streamhub.shared.app.EffectiveAppConfig.P2pTimingOverrides;
import io.streamhub.shared.app.EffectiveAppConfig.Playback;
import io.streamhub.shared.app.EffectiveAppConfig.S3Push;
import io.streamhub.shared.app.EffectiveAppConfig.Vod;
import io.streamhub.shared.app.EffectiveAppConfig.Webrtc;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.stream.IntStream;

/**
 * The one reader and writer of the effective app config's JSON. The field names are those of the
 * app YAML ({@code apps/<app>.yaml}), so config-service reads a validated document with the same
 * method that fills in the defaults, and the published JSON is that document, complete.
 * Unknown fields are ignored (a newer writer may add some without a new version); a field of the
 * wrong type, or a newer {@value #VERSION_FIELD}, is an {@link AppConfigFormatException}.
 * Vert.x's JSON: streaming Jackson underneath, no reflection (native-safe).
 */
public final class AppConfigJson {

    /** Absent in app files and in what versions before it wrote: absent reads as version 1. */
    public static final String VERSION_FIELD = "schema_version";

    private AppConfigJson() {
    }

    /** Reads a published config, or a validated app document, with every default applied. */
    public static EffectiveAppConfig read(String json) {
        if (json == null) {
            throw new AppConfigFormatException("no config");
        }
        JsonObject root;
        try {
            root = new JsonObject(json);
        } catch (DecodeException e) {
            throw new AppConfigFormatException("not a JSON object: " + e.getMessage(), e);
        }
        return read(root);
    }

    public static EffectiveAppConfig read(JsonObject root) {
        int version = integer(root, VERSION_FIELD, 1);
        if (version > EffectiveAppConfig.VERSION) {
            throw new UnsupportedConfigVersionException(version);
        }
        if (version < 1) {
            throw new AppConfigFormatException(VERSION_FIELD + " must be at least 1, not " + version);
        }
        try {
            String app = required(root.getString("app"), "app");
            JsonObject d = required(root.getJsonObject("distribution"), "distribution");
            Mode mode = Mode.ofWire(required(d.getString("mode"), "distribution.mode"));
            return new EffectiveAppConfig(version, app,
                    new Distribution(mode, cdn(d, mode), edges(d), hls(object(d, "hls")), p2p(object(d, "p2p"), mode),
                            webrtc(object(d, "webrtc")), new Playback(object(d, "playback").getBoolean("signed", AppDefaults.SIGNED)),
                            push(d.getJsonObject("push")), vod(d.getJsonObject("vod"))));
        } catch (ClassCastException | IllegalArgumentException e) {
            throw new AppConfigFormatException("not an app config: " + e.getMessage(), e);
        }
    }

    /** The JSON config-service publishes; {@link #read} of it gives back an equal record. */
    public static String write(EffectiveAppConfig c) {
        return toJson(c).encode();
    }

    public static JsonObject toJson(EffectiveAppConfig c) {
        Distribution d = c.distribution();
        JsonObject dist = new JsonObject().put("mode", d.mode().wire());
        d.cdn().ifPresent(cdn -> {
            JsonObject o = new JsonObject();
            cdn.baseUrl().ifPresent(u -> o.put("base_url", u));
            dist.put("cdn", o.put("provider", cdn.provider()));
        });
        JsonArray edges = new JsonArray();
        for (Edge e : d.edges()) {
            JsonObject o = new JsonObject().put("url", e.url());
            e.zone().ifPresent(z -> o.put("zone", z));
            edges.add(o);
        }
        dist.put("edges", edges);
        Hls h = d.hls();
        dist.put("hls", new JsonObject().put("segment_seconds", h.segmentSeconds()).put("list_size", h.listSize())
                .put("renditions", new JsonArray(new ArrayList<Object>(h.renditions()))).put("egress", h.egress().wire()));
        P2p p = d.p2p();
        JsonObject p2p = new JsonObject().put("enabled", p.enabled())
                .put("trackers", new JsonArray(new ArrayList<Object>(p.trackers())))
                .put("allowed_origins", new JsonArray(new ArrayList<Object>(p.allowedOrigins())));
        p.iceServers().ifPresent(ice -> p2p.put("ice_servers", new JsonArray(new ArrayList<Object>(ice))));
        p2p.put("swarm_shards", p.swarmShards()).put("expected_viewers", p.expectedViewers()).put("upload_on_metered", p.uploadOnMetered());
        p.timing().ifPresent(t -> {
            JsonObject o = new JsonObject();
            t.highDemandWindowSeconds().ifPresent(v -> o.put("high_demand_window_seconds", v));
            t.p2pDownloadWindowSeconds().ifPresent(v -> o.put("p2p_download_window_seconds", v));
            t.liveSyncSegments().ifPresent(v -> o.put("live_sync_segments", v));
            p2p.put("timing", o);
        });
        dist.put("p2p", p2p);
        dist.put("webrtc", new JsonObject().put("enabled", d.webrtc().enabled()).put("token_ttl", d.webrtc().tokenTtl()));
        dist.put("playback", new JsonObject().put("signed", d.playback().signed()));
        d.push().ifPresent(s3 -> {
            JsonObject o = new JsonObject().put("bucket", s3.bucket()).put("region", s3.region());
            s3.endpoint().ifPresent(e -> o.put("endpoint", e));
            o.put("prefix", s3.prefix()).put("public_base_url", s3.publicBaseUrl()).put("credentials_secret", s3.credentialsSecret());
            dist.put("push", new JsonObject().put("s3", o));
        });
        if (d.vod().enabled()) {
            dist.put("vod", new JsonObject().put("retention", d.vod().retention()));
        }
        return new JsonObject().put(VERSION_FIELD, c.version()).put("app", c.app()).put("distribution", dist);
    }

    private static Optional<Cdn> cdn(JsonObject d, Mode mode) {
        JsonObject cdn = d.getJsonObject("cdn");
        if (cdn == null && !mode.usesCdn()) {
            return Optional.empty();
        }
        JsonObject o = cdn == null ? new JsonObject() : cdn;
        return Optional.of(new Cdn(Optional.ofNullable(o.getString("base_url")), o.getString("provider", AppDefaults.CDN_PROVIDER)));
    }

    private static List<Edge> edges(JsonObject d) {
        return d.getJsonArray("edges", new JsonArray()).stream().map(JsonObject.class::cast)
                .map(o -> new Edge(required(o.getString("url"), "distribution.edges[].url"), Optional.ofNullable(o.getString("zone")))).toList();
    }

    private static Hls hls(JsonObject h) {
        List<String> renditions = strings(h.getJsonArray("renditions"));
        return new Hls(integer(h, "segment_seconds", AppDefaults.SEGMENT_SECONDS), integer(h, "list_size", AppDefaults.LIST_SIZE),
                renditions.isEmpty() ? List.of(AppDefaults.RENDITION) : renditions,
                h.containsKey("egress") ? EgressKind.ofWire(h.getString("egress")) : AppDefaults.EGRESS);
    }

    private static P2p p2p(JsonObject p, Mode mode) {
        JsonObject t = p.getJsonObject("timing");
        Optional<P2pTimingOverrides> timing = t == null ? Optional.empty() : Optional.of(new P2pTimingOverrides(
                optionalDouble(t, "high_demand_window_seconds"), optionalDouble(t, "p2p_download_window_seconds"),
                t.containsKey("live_sync_segments") ? OptionalInt.of(integer(t, "live_sync_segments", 0)) : OptionalInt.empty()));
        Optional<List<String>> ice = p.containsKey("ice_servers") ? Optional.of(strings(p.getJsonArray("ice_servers"))) : Optional.empty();
        int expected = integer(p, "expected_viewers", 0);
        Object shards = p.getValue("swarm_shards");
        int k = shards == null || "auto".equals(shards) ? AppDefaults.shardsFor(expected) : integer(p, "swarm_shards", 1);
        if (k < 1 || k > AnnouncePath.MAX_SHARDS) {
            throw new AppConfigFormatException("swarm_shards must be auto or 1.." + AnnouncePath.MAX_SHARDS + ", not " + shards);
        }
        return new P2p(p.getBoolean("enabled", AppDefaults.p2pEnabled(mode)), strings(p.getJsonArray("trackers")),
                ice, strings(p.getJsonArray("allowed_origins")), timing, k, expected, p.getBoolean("upload_on_metered", false));
    }

    private static Webrtc webrtc(JsonObject w) {
        String ttl = w.getString("token_ttl", AppDefaults.WEBRTC_TOKEN_TTL);
        return new Webrtc(w.getBoolean("enabled", false), seconds(ttl, "distribution.webrtc.token_ttl"), ttl);
    }

    private static Optional<S3Push> push(JsonObject push) {
        JsonObject s3 = push == null ? null : push.getJsonObject("s3");
        if (s3 == null) {
            return Optional.empty();
        }
        return Optional.of(new S3Push(required(s3.getString("bucket"), "distribution.push.s3.bucket"),
                s3.getString("region", AppDefaults.S3_REGION), Optional.ofNullable(s3.getString("endpoint")),
                s3.getString("prefix", ""), required(s3.getString("public_base_url"), "distribution.push.s3.public_base_url"),
                required(s3.getString("credentials_secret"), "distribution.push.s3.credentials_secret")));
    }

    private static Vod vod(JsonObject vod) {
        String retention = vod == null ? null : vod.getString("retention");
        return retention == null ? Vod.NONE : new Vod(seconds(retention, "distribution.vod.retention"), retention);
    }

    /** {@code <n>s}, {@code <n>m}, {@code <n>h} or {@code <n>d} in seconds. */
    static long seconds(String duration, String field) {
        if (duration == null || !duration.matches("[1-9][0-9]{0,4}[smhd]")) {
            throw new AppConfigFormatException(field + " must be a number and s, m, h or d, not " + duration);
        }
        long n = Long.parseLong(duration.substring(0, duration.length() - 1));
        return switch (duration.charAt(duration.length() - 1)) {
            case 's' -> n;
            case 'm' -> n * 60;
            case 'h' -> n * 3600;
            default -> n * 86_400;
        };
    }

    private static JsonObject object(JsonObject parent, String field) {
        JsonObject o = parent.getJsonObject(field);
        return o == null ? new JsonObject() : o;
    }

    private static List<String> strings(JsonArray a) {
        return a == null ? List.of() : IntStream.range(0, a.size()).mapToObj(a::getString).toList();
    }

    /** A whole number; 6.0 is 6 (JSON does not tell them apart), 6.5 is an error. */
    private static int integer(JsonObject o, String field, int fallback) {
        Object v = o.getValue(field);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        throw new AppConfigFormatException(field + " must be a whole number, not " + v);
    }

    private static OptionalDouble optionalDouble(JsonObject o, String field) {
        Object v = o.getValue(field);
        if (v == null) {
            return OptionalDouble.empty();
        }
        if (v instanceof Number n) {
            return OptionalDouble.of(n.doubleValue());
        }
        throw new AppConfigFormatException(field + " must be a number, not " + v);
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new AppConfigFormatException(field + " is required");
        }
        return value;
    }
}
