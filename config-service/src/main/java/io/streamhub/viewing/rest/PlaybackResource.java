package io.streamhub.viewing.rest;

import io.streamhub.config.apps.LiveApps;
import io.streamhub.config.rest.Errors;
import io.streamhub.config.settings.ServiceConfig;
import io.streamhub.shared.HlsNames;
import io.streamhub.shared.RoomId;
import io.streamhub.shared.app.EffectiveAppConfig;
import io.streamhub.viewing.play.EdgeChooser;
import io.streamhub.viewing.play.EdgeHealth;
import io.streamhub.viewing.play.Playback;
import io.streamhub.viewing.play.Recordings;
import io.streamhub.viewing.play.ViewerTickets;
import io.streamhub.viewing.play.WebrtcViewing;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.DELETE;
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
import java.util.Optional;

/**
 * What a player needs for one room: its playback description (with the viewer's ticket, {@link ViewerTickets};
 * a re-poll shows it as {@code ?viewer=}), its recorded sessions, and the release of a WebRTC slot. Public.
 */
@Path("/api/apps/{app}/rooms/{room}")
@Produces(MediaType.APPLICATION_JSON)
public class PlaybackResource {

    private final LiveApps live;
    private final ServiceConfig config;
    private final EdgeHealth edgeHealth;
    private final WebrtcViewing webrtcViewing;
    private final Recordings recordings;
    private final ViewerTickets tickets;
    private final ClientAddress clientAddress;

    public PlaybackResource(LiveApps live, ServiceConfig config, EdgeHealth edgeHealth, WebrtcViewing webrtcViewing,
                            Recordings recordings, ViewerTickets tickets, ClientAddress clientAddress) {
        this.live = live;
        this.tickets = tickets;
        this.clientAddress = clientAddress;
        this.config = config;
        this.edgeHealth = edgeHealth;
        this.webrtcViewing = webrtcViewing;
        this.recordings = recordings;
    }

    @GET
    @Path("/playback")
    public Response playback(@PathParam("app") String app, @PathParam("room") String room, @QueryParam("zone") String zoneParam,
                             @QueryParam("viewer") String viewer, @Context HttpHeaders headers, @Context HttpServerRequest request) {
        Errors.requireRoomName(room);
        Optional<String> zone = Optional.ofNullable(zoneParam != null ? zoneParam : headers.getHeaderString(config.viewerZoneHeader()))
                .map(String::trim).filter(z -> !z.isEmpty());
        if (zone.isPresent() && !HlsNames.isValidName(zone.get())) {
            return Errors.of(Response.Status.BAD_REQUEST, "zone must match " + HlsNames.NAME.pattern());
        }
        EffectiveAppConfig effective = Errors.requireApp(live, app);
        List<EffectiveAppConfig.Edge> edges = effective.distribution().edges();
        EdgeChooser.Choice edge = effective.mode() == EffectiveAppConfig.Mode.EDGE && !edges.isEmpty()
                ? EdgeChooser.choose(edges, zone, room, edgeHealth::isDown) : null;
        RoomId id = new RoomId(app, room);
        // A ticket that is not this room's (or made up) is a new viewer's: it gains nothing by it.
        ViewerTickets.Ticket known = tickets.read(id, viewer);
        String clientId = known != null ? known.clientId() : tickets.newClientId();
        WebrtcViewing.Answer webrtc = effective.webrtc().enabled()
                ? webrtcViewing.admit(id, effective, clientId, known != null, clientAddress.of(request)) : null;
        if (webrtc instanceof WebrtcViewing.NotLive notLive) {
            return Errors.of(Response.Status.NOT_FOUND, notLive.reason());
        }
        return Response.ok(Playback.of(app, room, effective, config, edge, webrtc).put("viewer", tickets.issue(id, clientId))).build();
    }

    /** The player fell back to HLS (or left): the viewer's WebRTC slot is free for another. Idempotent. */
    @DELETE
    @Path("/webrtc")
    public Response release(@PathParam("app") String app, @PathParam("room") String room, @QueryParam("viewer") String viewer,
                            @Context HttpServerRequest request) {
        Errors.requireRoomName(room);
        Errors.requireApp(live, app);
        RoomId id = new RoomId(app, room);
        ViewerTickets.Ticket ticket = tickets.read(id, viewer);
        if (ticket == null) {
            return Errors.of(Response.Status.FORBIDDEN, "viewer must be the ticket playback gave this viewer of " + id);
        }
        webrtcViewing.release(id, ticket.clientId(), clientAddress.of(request));
        return Response.noContent().build();
    }

    /** The room's recorded sessions still playable as VOD, newest first (docs/vod.md). */
    @GET
    @Path("/recordings")
    public Response recordings(@PathParam("app") String app, @PathParam("room") String room) {
        Errors.requireRoomName(room);
        EffectiveAppConfig effective = Errors.requireApp(live, app);
        try {
            return Response.ok(recordings.of(new RoomId(app, room), effective)).build();
        } catch (RuntimeException e) {
            return Errors.of(Response.Status.SERVICE_UNAVAILABLE, "recordings unavailable: " + e.getMessage());
        }
    }
}
