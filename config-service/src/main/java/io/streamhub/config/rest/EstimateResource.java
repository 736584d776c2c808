package io.streamhub.config.rest;

import io.streamhub.config.config.ServiceConfig;
import io.streamhub.config.estimate.CostEstimator;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code GET /api/estimate?viewers=100000&bitrateMbps=2.5&hours=1&p2pShare=0.7[&provider=bunny]}. */
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
    public Response estimate(@QueryParam("viewers") @DefaultValue("1000") long viewers,
                             @QueryParam("bitrateMbps") @DefaultValue("2.5") double bitrateMbps,
                             @QueryParam("hours") @DefaultValue("1") double hours,
                             @QueryParam("p2pShare") @DefaultValue("0") double p2pShare,
                             @QueryParam("segmentSeconds") @DefaultValue("6") int segmentSeconds,
                             @QueryParam("provider") String provider) {
        if (viewers < 0 || viewers > 100_000_000L || bitrateMbps <= 0 || bitrateMbps > 100 || hours <= 0 || hours > 24 * 31
                || p2pShare < 0 || p2pShare > 1 || segmentSeconds < 1 || segmentSeconds > 30) {
            return Errors.of(Response.Status.BAD_REQUEST, "viewers 0–1e8, bitrateMbps (0,100], hours (0,744], p2pShare [0,1], segmentSeconds 1–30");
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
