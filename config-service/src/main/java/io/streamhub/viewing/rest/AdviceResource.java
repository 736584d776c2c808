package io.streamhub.viewing.rest;

import io.streamhub.config.rest.Errors;
import io.streamhub.viewing.advice.Advice;
import io.streamhub.viewing.advice.AdviceQuestion;
import io.streamhub.viewing.advice.ModeAdvisor;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.streamhub.config.settings.ServiceConfig;
import io.streamhub.viewing.estimate.CostEstimator;
import io.streamhub.viewing.rest.query.QueryValue;
import io.streamhub.viewing.rest.query.QueryValue.Kind;
import io.streamhub.viewing.rest.query.QueryValues;
import io.streamhub.shared.Rendition;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * {@code GET /api/advice?audience=5000&interactivity=host&closedNetwork=false&recurring=false&vod=false&bitrateMbps=2.5&hours=1}:
 * which mode an event should use, following the design's decision matrix (docs/modes.md).
 */
// Reflection on its parameters' annotations in a native image: UnknownQueryParams reads them.
@RegisterForReflection(fields = false)
@Path("/api/advice")
@Produces(MediaType.APPLICATION_JSON)
public class AdviceResource {

    private final ModeAdvisor advisor;

    public AdviceResource(ServiceConfig config) {
        this.advisor = new ModeAdvisor(new CostEstimator(config.pricePerGb(), config.pricePer10kRequests()), 6);
    }

    @GET
    @Operation(summary = "Advise a distribution mode for an event",
            description = "The mode, the switches it needs (WebRTC, push to S3), the latency viewers get, the CDN cost per provider and the reason.")
    public Response advise(
            @Parameter(description = "Concurrent viewers expected (default 1000)")
            @QueryParam("audience") @QueryValue(value = Kind.WHOLE, min = 1, max = 100_000_000) String audience,
            @Parameter(description = "none (everyone watches), host (a host and VIPs interact), all (everyone interacts)")
            @QueryParam("interactivity") @QueryValue(value = Kind.CHOICE, oneOf = {"none", "host", "all"}) String interactivity,
            @Parameter(description = "A closed network or sovereign data: no public CDN, no peers")
            @QueryParam("closedNetwork") @QueryValue(Kind.FLAG) String closedNetwork,
            @Parameter(description = "The same audience comes back (weekly show, 24/7 channel)") @QueryParam("recurring") @QueryValue(Kind.FLAG) String recurring,
            @Parameter(description = "An on-demand catalog rather than a live event") @QueryParam("vod") @QueryValue(Kind.FLAG) String vod,
            @Parameter(description = "Mbit/s per viewer (default 2.5); or give rendition")
            @QueryParam("bitrateMbps") @QueryValue(value = Kind.DECIMAL, minExclusive = true, max = 100) String bitrateMbps,
            @Parameter(description = "A ladder preset (audio for radio) instead of bitrateMbps") @QueryParam("rendition") @QueryValue(Kind.RENDITION) String rendition,
            @Parameter(description = "Hours the event runs (default 1)")
            @QueryParam("hours") @QueryValue(value = Kind.DECIMAL, minExclusive = true, max = 24 * 31) String hours) {
        if (bitrateMbps != null && rendition != null) {
            return Errors.of(Response.Status.BAD_REQUEST, QueryValues.BITRATE_OR_RENDITION);
        }
        AdviceQuestion question = new AdviceQuestion(
                QueryValues.whole(audience, 1000),
                AdviceQuestion.Interactivity.valueOf(QueryValues.choice(interactivity, "none").toUpperCase(Locale.ROOT)),
                QueryValues.flag(closedNetwork, false),
                QueryValues.flag(recurring, false),
                QueryValues.flag(vod, false),
                QueryValues.bitrate(bitrateMbps, rendition, 2.5),
                QueryValues.rendition(rendition).map(Rendition::audioOnly).orElse(false),
                QueryValues.decimal(hours, 1));
        Advice advice = advisor.advise(question);
        return Response.ok(advice).build();
    }
}
