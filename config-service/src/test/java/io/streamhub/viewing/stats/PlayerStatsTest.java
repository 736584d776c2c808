package io.streamhub.viewing.stats;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamhub.testsupport.RedisTestResource;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Player byte reports become per-app Prometheus counters; bad, unknown or too frequent reports do not. */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class PlayerStatsTest {

    /** Each test reports from an address of its own, so the per-address limit of one does not reach another. */
    static final java.util.concurrent.atomic.AtomicInteger ADDRESSES = new java.util.concurrent.atomic.AtomicInteger(10);
    static String address = "192.0.2.10";

    @org.junit.jupiter.api.BeforeEach
    void configApplied() {
        address = "192.0.2." + ADDRESSES.incrementAndGet();
        // The first config is applied in the background after start; the page needs the app.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> given().get("/api/apps/classroom").statusCode() == 200);
    }

    static double counter(String app, String source) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("streamhub_player_bytes_total\\{app=\"" + app + "\",source=\"" + source + "\"} ([0-9.E]+)").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    static io.restassured.response.Response report(String app, Object body) {
        return report(app, "lecture", body);
    }

    /** One ticket per viewer the tests name, as playback hands it out: the name stands for its client id. */
    static final Map<String, String> TICKETS = new java.util.concurrent.ConcurrentHashMap<>();

    static String ticket(String app, String room, String viewer) {
        return TICKETS.computeIfAbsent(app + '/' + room + '/' + viewer,
                k -> given().get("/api/apps/" + app + "/rooms/" + room + "/playback").then().statusCode(200).extract().path("viewer"));
    }

    /** The body as the named viewer's player sends it: its ticket, and its client id (a name that is no id stays, to be refused). */
    @SuppressWarnings("unchecked")
    static Object withTicket(String app, String room, Object body) {
        if (!(body instanceof Map<?, ?> map) || !(map.get("clientId") instanceof String viewer)
                || given().get("/api/apps/" + app).statusCode() != 200) {
            return body;
        }
        Map<String, Object> out = new java.util.HashMap<>((Map<String, Object>) map);
        String ticket = ticket(app, room, viewer);
        out.put("ticket", ticket);
        if (viewer.matches("[A-Za-z0-9_-]{8,64}")) {
            out.put("clientId", ticket.substring(0, ticket.indexOf('.')));
        }
        return out;
    }

    static io.restassured.response.Response report(String app, String room, Object body) {
        return given().header("X-Forwarded-For", address).contentType("application/json").body(withTicket(app, room, body))
                .post("/api/apps/" + app + "/rooms/" + room + "/stats");
    }

    static java.util.Set<String> roomLabels(String app) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("streamhub_player_room_bytes_total\\{app=\"" + app + "\",room=\"([^\"]+)\",source=\"http\"}").matcher(metrics);
        java.util.Set<String> rooms = new java.util.TreeSet<>();
        while (m.find()) {
            rooms.add(m.group(1));
        }
        return rooms;
    }

    @Test
    void offloadIsCountedPerRoomForABoundedSetOfRooms() {
        report("classroom", "hall-1", Map.of("clientId", "room-viewer-1", "httpBytes", 700, "p2pBytes", 300)).then().statusCode(204);
        assertEquals(true, roomLabels("classroom").contains("hall-1"));
        // Invented rooms (the room is the viewer's URL) cannot grow the label set past the guard (5 in tests).
        for (int i = 0; i < 8; i++) {
            address = "198.51.100." + i;
            report("classroom", "made-up-" + i, Map.of("clientId", "room-viewer-x" + i, "httpBytes", 1, "p2pBytes", 0)).then().statusCode(204);
        }
        java.util.Set<String> rooms = roomLabels("classroom");
        assertEquals(true, rooms.contains(io.streamhub.viewing.stats.PlayerMetrics.OTHER_ROOMS), rooms.toString());
        assertEquals(true, rooms.size() <= 5 + 1, "at most the guard's rooms plus _other: " + rooms);
    }

    @Test
    void anEagerClientDoesNotSpendItsNeighboursAddressBudget() {
        for (int i = 0; i < 12; i++) {
            report("classroom", Map.of("clientId", "eager-neighbour", "httpBytes", 1, "p2pBytes", 0));
        }
        // Its three accepted reports took three of the address's ten; its refused ones took none.
        int accepted = 0;
        for (int i = 0; i < 7; i++) {
            if (report("classroom", Map.of("clientId", "quiet-neighbour-" + i, "httpBytes", 1, "p2pBytes", 0)).statusCode() == 204) {
                accepted++;
            }
        }
        assertEquals(7, accepted, "the other viewers behind the same address still report");
    }

    /** POSTs a report over a socket bound to {@code local} (any of 127.0.0.0/8), as a caller that is not a trusted proxy; the status. */
    static int reportFrom(String local, String forwardedFor, String clientId) throws java.io.IOException {
        byte[] body = ("{\"ticket\":\"" + ticket("classroom", "lecture", clientId) + "\",\"httpBytes\":1,\"p2pBytes\":0}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (java.net.Socket s = new java.net.Socket()) {
            s.bind(new java.net.InetSocketAddress(local, 0));
            s.connect(new java.net.InetSocketAddress("127.0.0.1", io.restassured.RestAssured.port), 5000);
            s.setSoTimeout(5000);
            s.getOutputStream().write(("POST /api/apps/classroom/rooms/lecture/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\nX-Forwarded-For: " + forwardedFor + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            s.getOutputStream().write(body);
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    @Test
    void aForgedForwardedForFromAnUntrustedCallerDoesNotEscapeTheLimitOfItsAddress() throws Exception {
        int accepted = 0;
        for (int i = 0; i < 16; i++) {
            if (reportFrom("127.0.0.2", "198.51.100." + (100 + i), "forger-" + i + "-xyz") == 204) {
                accepted++;
            }
        }
        // Only 127.0.0.1 is a trusted proxy in tests: the header is ignored and 127.0.0.2 has one budget.
        org.junit.jupiter.api.Assertions.assertTrue(accepted >= 10 && accepted <= 12, accepted + " accepted");
    }

    @Test
    void inventedClientIdsDoNotEscapeTheLimitOfTheirAddress() {
        int accepted = 0;
        for (int i = 0; i < 16; i++) {
            if (report("classroom", Map.of("clientId", "invented-" + i + "-xyz", "httpBytes", 1, "p2pBytes", 0)).statusCode() == 204) {
                accepted++;
            }
        }
        // One per second per address in tests, with ten seconds' burst: a new id per report does not help.
        org.junit.jupiter.api.Assertions.assertTrue(accepted >= 10 && accepted <= 12, accepted + " accepted");
        address = "192.0.2.250";
        report("classroom", Map.of("clientId", "invented-other", "httpBytes", 1, "p2pBytes", 0)).then().statusCode(204);
    }

    @Test
    void reportsAddUpPerAppAndSource() {
        double http = counter("classroom", "http");
        double p2p = counter("classroom", "p2p");
        report("classroom", Map.of("clientId", "viewer-aaaa", "httpBytes", 1000, "p2pBytes", 600)).then().statusCode(204);
        report("classroom", Map.of("clientId", "viewer-bbbb", "httpBytes", 500, "p2pBytes", 1400)).then().statusCode(204);
        assertEquals(http + 1500, counter("classroom", "http"));
        assertEquals(p2p + 2000, counter("classroom", "p2p"));
    }

    static double sample(String series) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile(Pattern.quote(series) + " ([0-9.E]+)").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void wasteAndRefetchesAreCountedApartFromOffload() {
        double p2p = counter("classroom", "p2p");
        double aborted = sample("streamhub_player_waste_bytes_total{app=\"classroom\",kind=\"aborted\"}");
        double duplicate = sample("streamhub_player_waste_bytes_total{app=\"classroom\",kind=\"duplicate\"}");
        double rejected = sample("streamhub_player_waste_bytes_total{app=\"classroom\",kind=\"rejected\"}");
        double refetched = sample("streamhub_player_refetched_segments_total{app=\"classroom\"}");
        report("classroom", Map.of("clientId", "waste-aaaa", "httpBytes", 2000, "p2pBytes", 1000, "p2pAbortedBytes", 700,
                "p2pDuplicateBytes", 300, "p2pRejectedBytes", 90, "refetchedSegments", 2)).then().statusCode(204);
        assertEquals(p2p + 1000, counter("classroom", "p2p"), "only accepted peer bytes are offload");
        assertEquals(aborted + 700, sample("streamhub_player_waste_bytes_total{app=\"classroom\",kind=\"aborted\"}"));
        assertEquals(duplicate + 300, sample("streamhub_player_waste_bytes_total{app=\"classroom\",kind=\"duplicate\"}"));
        assertEquals(rejected + 90, sample("streamhub_player_waste_bytes_total{app=\"classroom\",kind=\"rejected\"}"));
        assertEquals(refetched + 2, sample("streamhub_player_refetched_segments_total{app=\"classroom\"}"));
        for (String field : new String[] {"p2pAbortedBytes", "p2pDuplicateBytes", "p2pRejectedBytes"}) {
            report("classroom", Map.of("clientId", "waste-bad-" + field, "httpBytes", 1, "p2pBytes", 0, field, -5))
                    .then().statusCode(400).body("error", containsString(field));
        }
        report("classroom", Map.of("clientId", "waste-bad-refetch", "httpBytes", 1, "p2pBytes", 0, "refetchedSegments", 5000))
                .then().statusCode(400).body("error", containsString("refetchedSegments"));
        assertEquals(aborted + 700, sample("streamhub_player_waste_bytes_total{app=\"classroom\",kind=\"aborted\"}"), "bad reports add nothing");
    }

    @Test
    void playbackQualityIsCountedPerRoomAndStartupAsAHistogram() {
        String room = "{app=\"classroom\",room=\"qoe-hall\"}";
        report("classroom", "qoe-hall", Map.of("clientId", "qoe-viewer-1", "httpBytes", 10, "p2pBytes", 0, "startupSeconds", 1.5,
                "playedSeconds", 4.5, "stalledSeconds", 0.5, "stalls", 1, "behindLiveSeconds", 9.0)).then().statusCode(204);
        report("classroom", "qoe-hall", Map.of("clientId", "qoe-viewer-2", "httpBytes", 10, "p2pBytes", 0,
                "playedSeconds", 5.0, "stalledSeconds", 0.0, "stalls", 0, "behindLiveSeconds", 11.0)).then().statusCode(204);
        assertEquals(9.5, sample("streamhub_player_played_seconds_total" + room));
        assertEquals(0.5, sample("streamhub_player_stalled_seconds_total" + room));
        assertEquals(1.0, sample("streamhub_player_stalls_total" + room));
        assertEquals(2.0, sample("streamhub_player_behind_live_seconds_count" + room));
        assertEquals(20.0, sample("streamhub_player_behind_live_seconds_sum" + room));
        org.junit.jupiter.api.Assertions.assertTrue(sample("streamhub_player_startup_seconds_bucket{app=\"classroom\",le=\"2.0\"}") >= 1,
                "start-up lands in its histogram bucket");
        for (Map.Entry<String, Object> bad : Map.<String, Object>of("startupSeconds", -1, "playedSeconds", 100000,
                "stalledSeconds", "NaN", "behindLiveSeconds", 99999, "stalls", -2).entrySet()) {
            report("classroom", "qoe-hall", Map.of("clientId", "qoe-bad-" + bad.getKey(), "httpBytes", 1, "p2pBytes", 0, bad.getKey(), bad.getValue()))
                    .then().statusCode(400).body("error", containsString(bad.getKey()));
        }
        assertEquals(9.5, sample("streamhub_player_played_seconds_total" + room), "bad reports add nothing");
    }

    @Test
    void rejectedSegmentsAreCountedPerApp() {
        String name = "streamhub_player_rejected_segments_total{app=\"classroom\"}";
        report("classroom", Map.of("clientId", "victim-aaaa", "httpBytes", 10, "p2pBytes", 0, "rejectedSegments", 3)).then().statusCode(204);
        org.junit.jupiter.api.Assertions.assertTrue(given().get("/q/metrics").asString().contains(name + " 3.0"));
        report("classroom", Map.of("clientId", "victim-bbbb", "httpBytes", 10, "p2pBytes", 0, "rejectedSegments", -1))
                .then().statusCode(400).body("error", containsString("rejectedSegments"));
        report("classroom", Map.of("clientId", "victim-cccc", "httpBytes", 10, "p2pBytes", 0, "rejectedSegments", 100000))
                .then().statusCode(400).body("error", containsString("rejectedSegments"));
        org.junit.jupiter.api.Assertions.assertTrue(given().get("/q/metrics").asString().contains(name + " 3.0"), "bad reports add nothing");
    }

    @Test
    void badReportsAreRefusedAndCountNothing() {
        double before = counter("classroom", "http");
        report("nope", Map.of("clientId", "viewer-cccc", "httpBytes", 1, "p2pBytes", 1)).then().statusCode(404).body("error", containsString("nope"));
        report("classroom", Map.of("clientId", "x", "httpBytes", 1, "p2pBytes", 1)).then().statusCode(400).body("error", containsString("clientId"));
        report("classroom", Map.of("clientId", "viewer-cccc", "httpBytes", -5, "p2pBytes", 1)).then().statusCode(400).body("error", containsString("httpBytes"));
        report("classroom", Map.of("clientId", "viewer-cccc", "httpBytes", 1, "p2pBytes", 1L << 40)).then().statusCode(400).body("error", containsString("p2pBytes"));
        report("classroom", Map.of("clientId", "viewer-cccc", "httpBytes", "lots", "p2pBytes", 1)).then().statusCode(400);
        report("classroom", Map.of("clientId", "viewer-cccc")).then().statusCode(400);
        given().contentType("application/json").body("{not json").post("/api/apps/classroom/rooms/lecture/stats").then().statusCode(400);
        given().contentType("application/json").body(Map.of("clientId", "viewer-cccc", "httpBytes", 1, "p2pBytes", 1))
                .post("/api/apps/classroom/rooms/bad..room/stats").then().statusCode(400);
        assertEquals(before, counter("classroom", "http"));
    }

    @Test
    void eachClientIsRateLimited() {
        int accepted = 0;
        int limited = 0;
        for (int i = 0; i < 8; i++) {
            int status = report("classroom", Map.of("clientId", "eager-client", "httpBytes", 1, "p2pBytes", 0)).statusCode();
            if (status == 204) {
                accepted++;
            } else if (status == 429) {
                limited++;
            }
        }
        // A burst of three (a fourth if two seconds passed meanwhile), the rest refused.
        org.junit.jupiter.api.Assertions.assertTrue(accepted >= 3 && accepted <= 4 && accepted + limited == 8, accepted + " accepted");
        report("classroom", Map.of("clientId", "another-client", "httpBytes", 1, "p2pBytes", 0)).then().statusCode(204);
    }
}
