package io.streamhub.config.rest;

import io.streamhub.config.config.ServiceConfig;
import io.streamhub.config.estimate.CostEstimator;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /api/estimate?viewers=100000&bitrateMbps=2.5&hours=1&p2pShare=0.7[&provider=bunny]}, or
 * with {@code rendition=audio} (any ladder preset) instead of {@code bitrateMbps}: that preset's bitrate.
 */
@Path("/api/estimate")
@Produces(MediaType.APPLICATION_JSON)
public class EstimateResource {

    private final CostEstimator estimator;
    private final ServiceConfig config;

    public EstimateResource(ServiceConfig config) {
        this.config = config;
        this.estimator = new CostEstimator(config.pricePerGb(), config.pricePer10kRequests());
    }

    @GET
    public Response estimate(@QueryParam("viewers") String viewersParam,
                             @QueryParam("bitrateMbps") String bitrateParam,
                             @QueryParam("hours") String hoursParam,
                             @QueryParam("p2pShare") String p2pShareParam,
                             @QueryParam("segmentSeconds") String segmentSecondsParam,
                             @QueryParam("provider") String provider,
                             @QueryParam("rendition") String renditionParam) {
        QueryParams q = new QueryParams();
        long viewers = q.whole("viewers", viewersParam, 1000, 0, 100_000_000L);
        double bitrateMbps = q.bitrate(bitrateParam, renditionParam, 2.5);
        double hours = q.decimal("hours", hoursParam, 1, 0, true, 24 * 31);
        double p2pShare = q.decimal("p2pShare", p2pShareParam, 0, 0, false, 1);
        int segmentSeconds = (int) q.whole("segmentSeconds", segmentSecondsParam, 6, 1, 30);
        if (!q.ok()) {
            return Errors.of(Response.Status.BAD_REQUEST, q.message());
        }
        if (provider != null && !config.pricePerGb().containsKey(provider)) {
            return Errors.of(Response.Status.BAD_REQUEST, "unknown provider '" + provider + "'; known: " + config.pricePerGb().keySet());
        }
        CostEstimator.Estimate e = estimator.estimate(viewers, bitrateMbps, hours, p2pShare, segmentSeconds);
        if (provider != null) {
            e = new CostEstimator.Estimate(e.totalGb(), e.p2pGb(), e.cdnGb(), java.util.Map.of(provider, e.byProvider().get(provider)));
        }
        return Response.ok(e).build();
    }
}
