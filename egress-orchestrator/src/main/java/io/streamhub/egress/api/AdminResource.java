package io.streamhub.egress.api;

import io.streamhub.egress.config.OrchestratorConfig;
import io.streamhub.egress.reconcile.RoomReconciler;
import io.streamhub.egress.rooms.RoomStore;
import io.streamhub.shared.HlsNames;
import io.streamhub.shared.RoomId;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;

/**
 * Operator API (bearer token {@code orchestrator.admin-token}; closed when unset): rooms and their
 * egress state, forced restart and stop.
 */
@Path("/api/rooms")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    private final RoomStore store;
    private final RoomReconciler reconciler;
    private final OrchestratorConfig config;

    public AdminResource(RoomStore store, RoomReconciler reconciler, OrchestratorConfig config) {
        this.store = store;
        this.reconciler = reconciler;
        this.config = config;
    }

    @GET
    public Response list(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth) {
        Response denied = denied(auth);
        if (denied != null) {
            return denied;
        }
        List<Map<String, String>> rooms = store.all().stream().map(store::raw).filter(h -> !h.isEmpty()).toList();
        return Response.ok(Map.of("rooms", rooms)).build();
    }

    @POST
    @Path("/{app}/{room}/restart")
    public Response restart(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @PathParam("app") String app, @PathParam("room") String room) {
        return act(auth, app, room, true);
    }

    @POST
    @Path("/{app}/{room}/stop")
    public Response stop(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @PathParam("app") String app, @PathParam("room") String room) {
        return act(auth, app, room, false);
    }

    private Response act(String auth, String app, String room, boolean restart) {
        Response denied = denied(auth);
        if (denied != null) {
            return denied;
        }
        if (!HlsNames.isValidName(app) || !HlsNames.isValidName(room)) {
            return error(400, "app and room must match " + HlsNames.NAME.pattern());
        }
        RoomId id = new RoomId(app, room);
        if (store.get(id) == null) {
            return error(404, "no state for room " + id);
        }
        boolean done = restart ? reconciler.forceRestart(id) : reconciler.forceStop(id);
        if (!done) {
            return error(409, "room " + id + " is being changed by another replica; retry");
        }
        return Response.ok(store.raw(id)).build();
    }

    private Response denied(String auth) {
        if (config.adminToken().isEmpty()) {
            return error(403, "admin API disabled: set orchestrator.admin-token");
        }
        String expected = "Bearer " + config.adminToken().get();
        if (auth == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), auth.getBytes(StandardCharsets.UTF_8))) {
            return error(401, "bearer token required");
        }
        return null;
    }

    private static Response error(int status, String message) {
        return Response.status(status).entity(Map.of("error", message)).build();
    }
}
