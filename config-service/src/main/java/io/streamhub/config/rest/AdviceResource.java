package io.streamhub.config.rest;

import io.streamhub.config.advice.Advice;
import io.streamhub.config.advice.AdviceQuestion;
import io.streamhub.config.advice.ModeAdvisor;
import io.streamhub.config.config.ServiceConfig;
import io.streamhub.config.estimate.CostEstimator;
import io.streamhub.shared.Rendition;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * {@code GET /api/advice?audience=5000&interactivity=host&closedNetwork=false&recurring=false&vod=false&bitrateMbps=2.5&hours=1}:
 * which mode an event should use, following the design's decision matrix (docs/modes.md).
 */
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
            @Parameter(description = "Concurrent viewers expected (default 1000)") @QueryParam("audience") String audience,
            @Parameter(description = "none (everyone watches), host (a host and VIPs interact), all (everyone interacts)")
            @QueryParam("interactivity") String interactivity,
            @Parameter(description = "A closed network or sovereign data: no public CDN, no peers") @QueryParam("closedNetwork") String closedNetwork,
            @Parameter(description = "The same audience comes back (weekly show, 24/7 channel)") @QueryParam("recurring") String recurring,
            @Parameter(description = "An on-demand catalog rather than a live event") @QueryParam("vod") String vod,
            @Parameter(description = "Mbit/s per viewer (default 2.5); or give rendition") @QueryParam("bitrateMbps") String bitrateMbps,
            @Parameter(description = "A ladder preset (audio for radio) instead of bitrateMbps") @QueryParam("rendition") String rendition,
            @Parameter(description = "Hours the event runs (default 1)") @QueryParam("hours") String hours) {
        QueryParams q = new QueryParams();
        AdviceQuestion question = new AdviceQuestion(
                q.whole("audience", audience, 1000, 1, 100_000_000L),
                AdviceQuestion.Interactivity.valueOf(q.choice("interactivity", interactivity, "none", List.of("none", "host", "all"))
                        .toUpperCase(Locale.ROOT)),
                q.flag("closedNetwork", closedNetwork, false),
                q.flag("recurring", recurring, false),
                q.flag("vod", vod, false),
                q.bitrate(bitrateMbps, rendition, 2.5),
                QueryParams.rendition(rendition).map(Rendition::audioOnly).orElse(false),
                q.decimal("hours", hours, 1, 0, true, 24 * 31));
        if (!q.ok()) {
            return Errors.of(Response.Status.BAD_REQUEST, q.message());
        }
        Advice advice = advisor.advise(question);
        return Response.ok(advice).build();
    }
}
