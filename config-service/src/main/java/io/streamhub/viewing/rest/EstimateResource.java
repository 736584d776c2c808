package io.streamhub.viewing.rest;

import io.streamhub.config.rest.Errors;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.streamhub.config.settings.ServiceConfig;
import io.streamhub.viewing.estimate.CostEstimator;
import io.streamhub.viewing.rest.query.QueryValue;
import io.streamhub.viewing.rest.query.QueryValue.Kind;
import io.streamhub.viewing.rest.query.QueryValues;
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
// Reflection on its parameters' annotations in a native image: UnknownQueryParams reads them.
@RegisterForReflection(fields = false)
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
    public Response estimate(@QueryParam("viewers") @QueryValue(value = Kind.WHOLE, max = 100_000_000) String viewers,
                             @QueryParam("bitrateMbps") @QueryValue(value = Kind.DECIMAL, minExclusive = true, max = 100) String bitrateMbps,
                             @QueryParam("hours") @QueryValue(value = Kind.DECIMAL, minExclusive = true, max = 24 * 31) String hours,
                             @QueryParam("p2pShare") @QueryValue(value = Kind.DECIMAL, max = 1) String p2pShare,
                             @QueryParam("segmentSeconds") @QueryValue(value = Kind.WHOLE, min = 1, max = 30) String segmentSeconds,
                             @QueryParam("provider") String provider,
                             @QueryParam("rendition") @QueryValue(Kind.RENDITION) String rendition) {
        if (bitrateMbps != null && rendition != null) {
            return Errors.of(Response.Status.BAD_REQUEST, QueryValues.BITRATE_OR_RENDITION);
        }
        if (provider != null && !config.pricePerGb().containsKey(provider)) {
            return Errors.of(Response.Status.BAD_REQUEST, "unknown provider '" + provider + "'; known: " + config.pricePerGb().keySet());
        }
        CostEstimator.Estimate e = estimator.estimate(QueryValues.whole(viewers, 1000), QueryValues.bitrate(bitrateMbps, rendition, 2.5),
                QueryValues.decimal(hours, 1), QueryValues.decimal(p2pShare, 0), (int) QueryValues.whole(segmentSeconds, 6));
        if (provider != null) {
            e = new CostEstimator.Estimate(e.totalGb(), e.p2pGb(), e.cdnGb(), java.util.Map.of(provider, e.byProvider().get(provider)));
        }
        return Response.ok(e).build();
    }
}
