package io.streamhub.viewing.rest;

import io.streamhub.config.apps.LiveApps;
import io.streamhub.config.rest.Errors;
import io.streamhub.shared.RoomId;
import io.streamhub.shared.app.EffectiveAppConfig;
import io.streamhub.viewing.play.ViewerTickets;
import io.streamhub.viewing.stats.PlayerMetrics;
import io.streamhub.viewing.stats.PlayerReport;
import io.streamhub.viewing.stats.ReportBudget;
import io.streamhub.viewing.stats.ReportLimiter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code POST /api/apps/{app}/rooms/{room}/stats}: byte counters and playback quality from players
 * ({@link PlayerReport}), exported as Prometheus metrics. Public (players call it), hence strict: known apps only, the
 * viewer's ticket for this room from playback (401 without one that is signed, this room's and unexpired), bounded values,
 * rate limits per client and per address, and byte fields clamped to what the viewer could have played ({@link ReportBudget}).
 * An accepted report answers 204 with a fresh ticket in {@value #TICKET_HEADER}.
 */
@Path("/api/apps/{app}/rooms/{room}/stats")
public class PlayerStatsResource {

    /** More than a player can receive between two reports (every few seconds) even at 8K. */
    static final long MAX_BYTES_PER_REPORT = 1L << 30;
    /** A player rejects at most a few segments a second (each one is then fetched over HTTP). */
    static final int MAX_REJECTED_PER_REPORT = 1000;
    /** Segments or stalls in one report: a player refetches or stalls at most a few times a second. */
    static final int MAX_EVENTS_PER_REPORT = 1000;
    /**
     * Seconds in one report (played, stalled, start-up): reports come every few seconds, but a
     * background tab's timers may run once a minute, so ten minutes leaves room and still refuses nonsense.
     */
    static final double MAX_SECONDS_PER_REPORT = 600;
    /** Distance behind live: a live window is at most minutes; an hour refuses nonsense. */
    static final double MAX_BEHIND_LIVE_SECONDS = 3600;
    static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    /** The response header carrying the viewer's renewed ticket. */
    public static final String TICKET_HEADER = "StreamHub-Ticket";

    private final LiveApps live;
    private final ReportLimiter limiter;
    private final PlayerMetrics metrics;
    private final ClientAddress clientAddress;
    private final ViewerTickets tickets;
    private final ReportBudget budget;

    public PlayerStatsResource(LiveApps live, ReportLimiter limiter, PlayerMetrics metrics, ClientAddress clientAddress,
                               ViewerTickets tickets, ReportBudget budget) {
        this.clientAddress = clientAddress;
        this.tickets = tickets;
        this.budget = budget;
        this.live = live;
        this.limiter = limiter;
        this.metrics = metrics;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response report(@PathParam("app") String app, @PathParam("room") String room, PlayerReport report,
                           @Context HttpServerRequest request) {
        Errors.requireRoomName(room);
        EffectiveAppConfig config = Errors.requireApp(live, app);
        RoomId id = new RoomId(app, room);
        long now = System.currentTimeMillis();
        ViewerTickets.Ticket ticket = report == null ? null : tickets.read(id, report.ticket());
        if (ticket == null || ticket.expired(now)) {
            String why = ticket == null ? "a report needs the ticket playback gave this viewer of " + id + " (signed, and this room's)"
                    : "the ticket expired: playback hands a fresh one";
            metrics.refused(app, "ticket");
            return Response.fromResponse(Errors.of(Response.Status.UNAUTHORIZED, why)).header("WWW-Authenticate", "StreamHub-Ticket").build();
        }
        if (report.clientId() != null && (!CLIENT_ID.matcher(report.clientId()).matches() || !report.clientId().equals(ticket.clientId()))) {
            metrics.refused(app, "invalid");
            return Errors.of(Response.Status.BAD_REQUEST, "clientId must match " + CLIENT_ID.pattern() + " and be the ticket's");
        }
        String bad = firstProblem(report);
        if (bad != null) {
            metrics.refused(app, "invalid");
            return Errors.of(Response.Status.BAD_REQUEST, bad);
        }
        if (!limiter.allow(ticket.clientId(), clientAddress.of(request))) {
            metrics.refused(app, "rate");
            return Errors.of(Response.Status.TOO_MANY_REQUESTS, "at most one report every " + ReportLimiter.INTERVAL_MS / 1000
                    + " s per client, and a bounded rate per address");
        }
        long allowed = budget.bytes(config, ticket.clientId(), ticket.issuedAt(), now);
        PlayerReport counted = report.clamped(allowed, allowed);
        metrics.add(app, room, counted, report.bytes() - counted.bytes());
        budget.counted(ticket.clientId(), now);
        return Response.noContent().header(TICKET_HEADER, tickets.issue(id, ticket.clientId())).build();
    }

    /** The first field out of its bounds, as the message for the caller; null when every field is fine. */
    static String firstProblem(PlayerReport r) {
        return Stream.<Supplier<String>>of(
                        () -> bytes("httpBytes", r.httpBytes(), true),
                        () -> bytes("p2pBytes", r.p2pBytes(), true),
                        () -> bytes("p2pAbortedBytes", r.p2pAbortedBytes(), false),
                        () -> bytes("p2pDuplicateBytes", r.p2pDuplicateBytes(), false),
                        () -> bytes("p2pRejectedBytes", r.p2pRejectedBytes(), false),
                        () -> count("rejectedSegments", r.rejectedSegments(), MAX_REJECTED_PER_REPORT),
                        () -> count("refetchedSegments", r.refetchedSegments(), MAX_EVENTS_PER_REPORT),
                        () -> count("stalls", r.stalls(), MAX_EVENTS_PER_REPORT),
                        () -> seconds("startupSeconds", r.startupSeconds(), MAX_SECONDS_PER_REPORT),
                        () -> seconds("stalledSeconds", r.stalledSeconds(), MAX_SECONDS_PER_REPORT),
                        () -> seconds("playedSeconds", r.playedSeconds(), MAX_SECONDS_PER_REPORT),
                        () -> seconds("behindLiveSeconds", r.behindLiveSeconds(), MAX_BEHIND_LIVE_SECONDS))
                .map(Supplier::get).filter(Objects::nonNull).findFirst().orElse(null);
    }

    private static String bytes(String field, Long value, boolean required) {
        if (value == null ? required : value < 0 || value > MAX_BYTES_PER_REPORT) {
            return field + " must be a number of bytes between 0 and " + MAX_BYTES_PER_REPORT;
        }
        return null;
    }

    private static String count(String field, Integer value, int max) {
        return value != null && (value < 0 || value > max) ? field + " must be between 0 and " + max : null;
    }

    private static String seconds(String field, Double value, double max) {
        return value != null && !(value >= 0 && value <= max) ? field + " must be a number of seconds between 0 and " + (long) max : null;
    }
}
