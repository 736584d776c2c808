package io.streamhub.config.rest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.streamhub.config.apps.LiveApps;
import io.streamhub.shared.HlsNames;
import io.streamhub.shared.app.EffectiveAppConfig;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Error bodies are JSON {@code {"error": "..."}} with the status that fits. */
public final class Errors {

    private Errors() {
    }

    public static Response of(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(JsonNodeFactory.instance.objectNode().put("error", message)).build();
    }

    /** The app's live config; an unknown app is a 404, thrown. */
    public static EffectiveAppConfig requireApp(LiveApps live, String app) {
        EffectiveAppConfig config = live.app(app);
        if (config == null) {
            throw new WebApplicationException(of(Response.Status.NOT_FOUND, "unknown app '" + app + "'"));
        }
        return config;
    }

    /** A room name that is not one is a 400, thrown. */
    public static void requireRoomName(String room) {
        if (!HlsNames.isValidName(room)) {
            throw new WebApplicationException(of(Response.Status.BAD_REQUEST, "room must match " + HlsNames.NAME.pattern()));
        }
    }

    /** 401 with the challenge: the endpoint needs {@code Authorization: Bearer <admin token>}. */
    public static Response unauthorized() {
        return Response.fromResponse(of(Response.Status.UNAUTHORIZED, "a valid bearer token is required"))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }
}
