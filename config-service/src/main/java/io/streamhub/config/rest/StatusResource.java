package io.streamhub.config.rest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamhub.config.apps.Problem;
import io.streamhub.config.settings.ServiceConfig;
import io.streamhub.config.publish.ConfigReloader;
import io.streamhub.config.publish.LiveConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Which revision is live and why the last change was refused; a manual reload for operators. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {

    private final ConfigReloader reloader;
    private final ServiceConfig config;

    public StatusResource(ConfigReloader reloader, ServiceConfig config) {
        this.reloader = reloader;
        this.config = config;
    }

    @GET
    @Path("/status")
    /** The live revision, the rejected one and its problems: what {@code /api/status} and the operator page show. */
    public ObjectNode status() {
        LiveConfig live = reloader.live();
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("source", reloader.sourceDescription());
        out.put("revision", live.revision());
        out.put("appliedAt", live.appliedAt() == null ? null : live.appliedAt().toString());
        out.put("checkedAt", live.checkedAt() == null ? null : live.checkedAt().toString());
        out.put("apps", live.apps().size());
        out.put("rejectedRevision", live.rejected());
        var problems = out.putArray("problems");
        for (Problem p : live.problems()) {
            problems.addObject().put("file", p.file()).put("line", p.line()).put("field", p.field())
                    .put("message", p.message()).put("text", p.toString());
        }
        out.put("lastError", live.lastError());
        return out;
    }

    /** Changes state, so it needs {@code Authorization: Bearer <streamhub.config.admin-token>}. */
    @POST
    @Path("/reload")
    public Response reload(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        if (config.adminToken().isEmpty()) {
            return Errors.of(Response.Status.FORBIDDEN, "reload is disabled: no streamhub.config.admin-token is set");
        }
        if (!bearerMatches(authorization, config.adminToken().get())) {
            return Errors.unauthorized();
        }
        ConfigReloader.Outcome outcome = reloader.reload();
        ObjectNode body = status();
        body.put("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT));
        return Response.ok(body).build();
    }

    /** Constant-time comparison: the token must not leak through response timing. */
    public static boolean bearerMatches(String header, String token) {
        if (header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(header.substring(7).trim().getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }
}
