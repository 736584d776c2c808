package io.streamhub.config.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.streamhub.config.config.ServiceConfig;
import io.streamhub.config.play.EdgeChooser;
import io.streamhub.config.play.EdgeHealth;
import io.streamhub.config.play.Playback;
import io.streamhub.config.play.Recordings;
import io.streamhub.config.play.WebrtcViewing;
import io.streamhub.config.publish.ConfigReloader;
import io.streamhub.shared.HlsNames;
import io.streamhub.shared.RoomId;
import io.streamhub.shared.app.AppConfigJson;
import io.streamhub.shared.app.EffectiveAppConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Read-only views of the live config, and each room's playback description. Public. */
@Path("/api/apps")
@Produces(MediaType.APPLICATION_JSON)
public class AppsResource {

    private final ConfigReloader reloader;
    private final ServiceConfig config;
    private final EdgeHealth edgeHealth;
    private final WebrtcViewing webrtcViewing;
    private final Recordings recordings;

    public AppsResource(ConfigReloader reloader, ServiceConfig config, EdgeHealth edgeHealth, WebrtcViewing webrtcViewing,
                        Recordings recordings) {
        this.recordings = recordings;
        this.reloader = reloader;
        this.config = config;
        this.edgeHealth = edgeHealth;
        this.webrtcViewing = webrtcViewing;
    }

    @GET
    public ArrayNode list() {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (Map.Entry<String, EffectiveAppConfig> e : new java.util.TreeMap<>(reloader.live().apps()).entrySet()) {
            out.addObject().put("app", e.getKey())
                    .put("mode", e.getValue().mode().wire())
                    .put("p2pEnabled", e.getValue().p2p().enabled());
        }
        return out;
    }

    @GET
    @Path("/{app}")
    public Response get(@PathParam("app") String app) {
        EffectiveAppConfig effective = reloader.app(app);
        return effective == null ? unknown(app) : Response.ok(AppConfigJson.write(effective)).build();
    }

    @GET
    @Path("/{app}/rooms/{room}/playback")
    public Response playback(@PathParam("app") String app, @PathParam("room") String room, @QueryParam("zone") String zoneParam,
                             @Context HttpHeaders headers) {
        if (!HlsNames.isValidName(room)) {
            return Errors.of(Response.Status.BAD_REQUEST, "room must match " + HlsNames.NAME.pattern());
        }
        Optional<String> zone = Optional.ofNullable(zoneParam != null ? zoneParam : headers.getHeaderString(config.viewerZoneHeader()))
                .map(String::trim).filter(z -> !z.isEmpty());
        if (zone.isPresent() && !HlsNames.isValidName(zone.get())) {
            return Errors.of(Response.Status.BAD_REQUEST, "zone must match " + HlsNames.NAME.pattern());
        }
        EffectiveAppConfig effective = reloader.app(app);
        if (effective == null) {
            return unknown(app);
        }
        List<EffectiveAppConfig.Edge> edges = effective.distribution().edges();
        EdgeChooser.Choice edge = effective.mode() == EffectiveAppConfig.Mode.EDGE && !edges.isEmpty()
                ? EdgeChooser.choose(edges, zone, room, edgeHealth::isDown) : null;
        WebrtcViewing.Answer webrtc = effective.webrtc().enabled() ? webrtcViewing.admit(new RoomId(app, room), effective) : null;
        if (webrtc instanceof WebrtcViewing.NotLive notLive) {
            return Errors.of(Response.Status.NOT_FOUND, notLive.reason());
        }
        return Response.ok(Playback.of(app, room, effective, config, edge, webrtc)).build();
    }

    /** The room's recorded sessions still playable as VOD, newest first (docs/vod.md). */
    @GET
    @Path("/{app}/rooms/{room}/recordings")
    public Response recordings(@PathParam("app") String app, @PathParam("room") String room) {
        if (!HlsNames.isValidName(room)) {
            return Errors.of(Response.Status.BAD_REQUEST, "room must match " + HlsNames.NAME.pattern());
        }
        EffectiveAppConfig effective = reloader.app(app);
        if (effective == null) {
            return unknown(app);
        }
        try {
            return Response.ok(recordings.of(new RoomId(app, room), effective)).build();
        } catch (RuntimeException e) {
            return Errors.of(Response.Status.SERVICE_UNAVAILABLE, "recordings unavailable: " + e.getMessage());
        }
    }

    private static Response unknown(String app) {
        return Errors.of(Response.Status.NOT_FOUND, "unknown app '" + app + "'");
    }
}
