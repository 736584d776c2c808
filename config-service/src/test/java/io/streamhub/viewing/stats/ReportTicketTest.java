package io.streamhub.viewing.stats;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.streamhub.testsupport.RedisTestResource;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A report counts only with the ticket playback gave its viewer for that room, its bytes only up to what the viewer
 * could have played, and from a browser only on the app's allowed origins.
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class ReportTicketTest {

    static final AtomicInteger ADDRESSES = new AtomicInteger(10);
    String address;

    @BeforeEach
    void configApplied() {
        address = "203.0.113." + ADDRESSES.incrementAndGet();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> given().get("/api/apps/classroom").statusCode() == 200);
    }

    static String ticket(String room) {
        return given().get("/api/apps/classroom/rooms/" + room + "/playback").then().statusCode(200).extract().path("viewer");
    }

    Response report(String ticket, Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(fields);
        if (ticket != null) {
            body.put("ticket", ticket);
        }
        return given().header("X-Forwarded-For", address).contentType("application/json").body(body)
                .post("/api/apps/classroom/rooms/lecture/stats");
    }

    static double refused(String reason) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "streamhub_player_reports_refused_total\\{app=\"classroom\",reason=\"" + reason + "\"} ([0-9.E]+)").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** A ticket signed with the test profile's key, as config-service signs them. */
    static String signed(String room, String clientId, long expiresAtSeconds) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("test-signing-key".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] full = mac.doFinal(("classroom/" + room + "/" + clientId + "/" + expiresAtSeconds).getBytes(StandardCharsets.UTF_8));
        return clientId + "." + expiresAtSeconds + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(full, 18));
    }

    @Test
    void forgedExpiredOtherRoomAndMissingTicketsAreRefusedAndCountNothing() throws Exception {
        double before = PlayerStatsTest.counter("classroom", "http");
        double refusedBefore = refused("ticket");
        Map<String, Object> bytes = Map.of("httpBytes", 1000, "p2pBytes", 0);
        String real = ticket("lecture");
        String forged = real.substring(0, real.length() - 1) + (real.endsWith("A") ? "B" : "A");
        report(forged, bytes).then().statusCode(401).body("error", containsString("ticket"));
        String made = "0123456789abcdef01234567." + (System.currentTimeMillis() / 1000 + 600) + ".AAAAAAAAAAAAAAAAAAAAAAAA";
        report(made, bytes).then().statusCode(401);
        report(signed("lecture", "0123456789abcdef01234567", System.currentTimeMillis() / 1000 - 5), bytes).then().statusCode(401)
                .body("error", containsString("expired"));
        report(ticket("another-room"), bytes).then().statusCode(401).body("error", containsString("classroom/lecture"));
        report(null, bytes).then().statusCode(401).header("WWW-Authenticate", "StreamHub-Ticket");
        assertEquals(before, PlayerStatsTest.counter("classroom", "http"), "nothing counted");
        assertEquals(refusedBefore + 5, refused("ticket"), "but each refusal is");
        // The ticket this test signed itself, unexpired, is as good as playback's: the key is the whole secret.
        report(signed("lecture", "0123456789abcdef01234567", System.currentTimeMillis() / 1000 + 60), bytes).then().statusCode(204);
        assertEquals(before + 1000, PlayerStatsTest.counter("classroom", "http"));
    }

    @Test
    void anAcceptedReportHandsOverAFreshTicketForTheSameViewer() {
        String first = ticket("lecture");
        String renewed = report(first, Map.of("httpBytes", 10, "p2pBytes", 0)).then().statusCode(204).extract().header("StreamHub-Ticket");
        assertEquals(first.substring(0, 24), renewed.substring(0, 24), "the same client id");
        report(renewed, Map.of("httpBytes", 10, "p2pBytes", 0, "clientId", first.substring(0, 24))).then().statusCode(204);
        report(renewed, Map.of("httpBytes", 10, "p2pBytes", 0, "clientId", "someone-else-1")).then().statusCode(400)
                .body("error", containsString("the ticket's"));
    }

    @Test
    void bytesPastWhatTheViewerCouldHavePlayedAreClampedAndCountedApart() {
        double http = PlayerStatsTest.counter("classroom", "http");
        double p2p = PlayerStatsTest.counter("classroom", "p2p");
        String clamped = "streamhub_player_clamped_bytes_total{app=\"classroom\"}";
        double clampedBefore = PlayerStatsTest.sample(clamped);
        String duplicate = "streamhub_player_waste_bytes_total{app=\"classroom\",kind=\"duplicate\"}";
        double duplicateBefore = PlayerStatsTest.sample(duplicate);
        // A fresh viewer of a 720p room (3.128 Mbit/s) with a 16 s window: about 2 × 16 s of it, ~12.5 MB, not 900 MB.
        report(ticket("lecture"), Map.of("httpBytes", 900_000_000L, "p2pBytes", 100_000_000L, "p2pDuplicateBytes", 900_000_000L))
                .then().statusCode(204);
        double countedHttp = PlayerStatsTest.counter("classroom", "http") - http;
        assertTrue(countedHttp >= 12_512_000 && countedHttp < 14_000_000, "HTTP counted up to the budget: " + countedHttp);
        assertEquals(p2p, PlayerStatsTest.counter("classroom", "p2p"), "HTTP takes the budget first: a clamp never raises the offload");
        double countedDuplicate = PlayerStatsTest.sample(duplicate) - duplicateBefore;
        assertEquals(countedHttp, countedDuplicate, "each waste kind has the same budget of its own");
        assertEquals(1_900_000_000L - countedHttp - countedDuplicate, PlayerStatsTest.sample(clamped) - clampedBefore, 1.0);
    }

    @Test
    void browsersOnOriginsTheAppDoesNotAllowAreRefusedBeforeAnythingCounts() {
        double before = PlayerStatsTest.counter("classroom", "http");
        String stats = "/api/apps/classroom/rooms/lecture/stats";
        given().header("Origin", "https://evil.example.com").header("Access-Control-Request-Method", "POST").options(stats)
                .then().statusCode(403).header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "https://evil.example.com").header("X-Forwarded-For", address).contentType("application/json")
                .body(Map.of("ticket", ticket("lecture"), "httpBytes", 1000, "p2pBytes", 0)).post(stats)
                .then().statusCode(403).body("error", containsString("p2p.allowed_origins"));
        assertEquals(before, PlayerStatsTest.counter("classroom", "http"));
        given().header("Origin", "https://evil.example.com").get("/api/apps/classroom/rooms/lecture/playback").then().statusCode(403);
        // The app's own origin: preflight and report pass.
        given().header("Origin", "https://classroom.example.com").header("Access-Control-Request-Method", "POST").options(stats)
                .then().statusCode(204).header("Access-Control-Allow-Origin", "https://classroom.example.com")
                .header("Access-Control-Allow-Methods", containsString("POST"));
        given().header("Origin", "https://classroom.example.com").header("X-Forwarded-For", address).contentType("application/json")
                .body(Map.of("ticket", ticket("lecture"), "httpBytes", 1000, "p2pBytes", 0)).post(stats)
                .then().statusCode(204).header("Access-Control-Allow-Origin", "https://classroom.example.com")
                .header("Access-Control-Expose-Headers", containsString("StreamHub-Ticket"));
        // An app without a list takes any origin; the operator's endpoints none; the page's own origin is no CORS at all.
        given().header("Origin", "https://evil.example.com").get("/api/apps/festival/rooms/main/playback").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "https://evil.example.com");
        given().header("Origin", "https://classroom.example.com").get("/api/admin/overview").then().statusCode(403);
        given().header("Origin", "http://127.0.0.1:" + io.restassured.RestAssured.port).get("/api/apps/classroom/rooms/lecture/playback")
                .then().statusCode(200).header("Access-Control-Allow-Origin", nullValue()).body("app", equalTo("classroom"));
    }
}
