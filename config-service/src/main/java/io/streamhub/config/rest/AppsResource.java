package io.streamhub.config.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.streamhub.config.apps.LiveApps;
import io.streamhub.shared.app.AppConfigJson;
import io.streamhub.shared.app.EffectiveAppConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** Read-only views of the live config. Public. A room's playback is viewing's ({@code viewing/rest/PlaybackResource}). */
@Path("/api/apps")
@Produces(MediaType.APPLICATION_JSON)
public class AppsResource {

    private final LiveApps live;

    public AppsResource(LiveApps live) {
        this.live = live;
    }

    @GET
    public ArrayNode list() {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (Map.Entry<String, EffectiveAppConfig> e : new java.util.TreeMap<>(live.apps()).entrySet()) {
            out.addObject().put("app", e.getKey())
                    .put("mode", e.getValue().mode().wire())
                    .put("p2pEnabled", e.getValue().p2p().enabled());
        }
        return out;
    }

    @GET
    @Path("/{app}")
    public Response get(@PathParam("app") String app) {
        return Response.ok(AppConfigJson.write(Errors.requireApp(live, app))).build();
    }
}
