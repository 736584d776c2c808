package io.streamhub.config.rest;

import io.streamhub.config.publish.ConfigReloader;
import io.streamhub.config.rest.Errors;
import io.streamhub.config.stats.PlayerMetrics;
import io.streamhub.config.stats.PlayerReport;
import io.streamhub.config.stats.ReportLimiter;
import io.streamhub.shared.HlsNames;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.regex.Pattern;

/**
 * {@code POST /api/apps/{app}/rooms/{room}/stats}: byte counters from players, exported as
 * Prometheus counters. Public (players call it), hence strict: known apps only, bounded values,
 * and rate limits per client and per address.
 */
@Path("/api/apps/{app}/rooms/{room}/stats")
public class PlayerStatsResource {

    /** More than a player can receive between two reports (every few seconds) even at 8K. */
    static final long MAX_BYTES_PER_REPORT = 1L << 30;
    /** A player rejects at most a few segments a second (each one is then fetched over HTTP). */
    static final int MAX_REJECTED_PER_REPORT = 1000;
    static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");

    private final ConfigReloader reloader;
    private final ReportLimiter limiter;
    private final PlayerMetrics metrics;

    public PlayerStatsResource(ConfigReloader reloader, ReportLimiter limiter, PlayerMetrics metrics) {
        this.reloader = reloader;
        this.limiter = limiter;
        this.metrics = metrics;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response report(@PathParam("app") String app, @PathParam("room") String room, PlayerReport report,
                           @Context HttpServerRequest request) {
        if (!HlsNames.isValidName(room)) {
            return Errors.of(Response.Status.BAD_REQUEST, "room must match " + HlsNames.NAME.pattern());
        }
        if (reloader.app(app) == null) {
            return Errors.of(Response.Status.NOT_FOUND, "unknown app '" + app + "'");
        }
        if (report == null || report.clientId() == null || !CLIENT_ID.matcher(report.clientId()).matches()) {
            return Errors.of(Response.Status.BAD_REQUEST, "clientId must match " + CLIENT_ID.pattern());
        }
        String bad = bounds("httpBytes", report.httpBytes());
        if (bad == null) {
            bad = bounds("p2pBytes", report.p2pBytes());
        }
        if (bad == null && (report.rejected() < 0 || report.rejected() > MAX_REJECTED_PER_REPORT)) {
            bad = "rejectedSegments must be between 0 and " + MAX_REJECTED_PER_REPORT;
        }
        if (bad != null) {
            return Errors.of(Response.Status.BAD_REQUEST, bad);
        }
        // The connection's peer, or the client behind a trusted proxy (quarkus.http.proxy.*).
        String address = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        if (!limiter.allow(report.clientId(), address)) {
            return Errors.of(Response.Status.TOO_MANY_REQUESTS, "at most one report every " + ReportLimiter.INTERVAL_MS / 1000
                    + " s per client, and a bounded rate per address");
        }
        metrics.add(app, room, report.httpBytes(), report.p2pBytes(), report.rejected());
        return Response.noContent().build();
    }

    private static String bounds(String field, Long value) {
        if (value == null || value < 0 || value > MAX_BYTES_PER_REPORT) {
            return field + " must be a number of bytes between 0 and " + MAX_BYTES_PER_REPORT;
        }
        return null;
    }
}
