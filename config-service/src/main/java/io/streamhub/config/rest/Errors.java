package io.streamhub.config.rest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
}
