package io.streamhub.viewing.rest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.redis.datasource.RedisDataSource;
import io.streamhub.config.settings.ServiceConfig;
import io.streamhub.config.apps.LiveApps;
import io.streamhub.config.rest.Errors;
import io.streamhub.config.rest.StatusResource;
import io.streamhub.viewing.stats.PlayerMetrics;
import io.streamhub.redis.KeyScan;
import io.streamhub.redis.state.OriginClaims;
import io.streamhub.shared.OriginClaim;
import io.streamhub.shared.RedisKeys;
import io.streamhub.shared.RoomId;
import io.streamhub.shared.RoomRecord;
import io.streamhub.shared.app.EffectiveAppConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@code GET /api/admin/overview}: what the operator page ({@code /admin/}) shows, in one answer —
 * the config revision and rejected problems, every app with its mode and its viewers' P2P offload,
 * every room the orchestrator tracks with its origin node and egress state. Needs the admin token
 * when one is set; the chart keeps {@code /api/admin} and {@code /admin} off the public paths either way.
 */
@Path("/api/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    /** Rooms listed at most: the page is for people, not a bulk export. */
    static final int MAX_ROOMS = 2000;

    private final LiveApps live;
    private final StatusResource status;
    private final ServiceConfig config;
    private final PlayerMetrics players;
    private final RedisDataSource redis;
    private final RedisKeys keys;
    private final OriginClaims claims;

    public AdminResource(LiveApps live, StatusResource status, ServiceConfig config, PlayerMetrics players, RedisDataSource redis, RedisKeys keys,
                         OriginClaims claims) {
        this.live = live;
        this.status = status;
        this.config = config;
        this.players = players;
        this.redis = redis;
        this.keys = keys;
        this.claims = claims;
    }

    @GET
    @Path("/overview")
    public Response overview(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        if (config.adminToken().isPresent() && !StatusResource.bearerMatches(authorization, config.adminToken().get())) {
            return Errors.unauthorized();
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("config", status.status());
        var apps = out.putArray("apps");
        for (Map.Entry<String, EffectiveAppConfig> e : new TreeMap<>(live.apps()).entrySet()) {
            EffectiveAppConfig a = e.getValue();
            double http = players.bytes(e.getKey(), "http");
            double p2p = players.bytes(e.getKey(), "p2p");
            ObjectNode app = apps.addObject().put("app", e.getKey()).put("mode", a.mode().wire())
                    .put("p2pEnabled", a.p2p().enabled()).put("segmentSeconds", a.hls().segmentSeconds())
                    .put("httpBytes", (long) http).put("p2pBytes", (long) p2p);
            app.putArray("renditions").addAll(a.hls().renditions().stream().map(JsonNodeFactory.instance::textNode).toList());
            if (http + p2p > 0) {
                app.put("p2pShare", Math.round(p2p / (http + p2p) * 1000) / 1000.0);
            }
        }
        var rooms = out.putArray("rooms");
        try {
            for (RoomRecord r : rooms()) {
                OriginClaim origin = claims.read(new RoomId(r.app(), r.room()));
                ObjectNode room = rooms.addObject().put("app", r.app()).put("room", r.room()).put("status", r.status())
                        .put("livekitNode", r.livekitNode()).put("originNode", origin == null ? "" : origin.nodeId())
                        .put("lastError", r.lastError()).put("updatedAt", r.updatedAt());
                room.putArray("egressIds").addAll(r.egressIds().stream().map(JsonNodeFactory.instance::textNode).toList());
            }
            out.put("redis", "up");
        } catch (RuntimeException e) {
            // The page still shows the config when Redis is away, and says why the rooms are missing.
            out.put("redis", "unreachable: " + e.getMessage());
        }
        return Response.ok(out).build();
    }

    private List<RoomRecord> rooms() {
        // Lazily: no room's hash is read once MAX_ROOMS are found.
        return KeyScan.keys(redis, keys.roomPattern(), 500).stream().map(key -> RoomRecord.of(redis.hash(String.class).hgetall(key)))
                .filter(Objects::nonNull).limit(MAX_ROOMS).sorted(Comparator.comparing(RoomRecord::app).thenComparing(RoomRecord::room))
                .toList();
    }
}
