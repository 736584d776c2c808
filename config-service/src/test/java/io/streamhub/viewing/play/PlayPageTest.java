package io.streamhub.viewing.play;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamhub.testsupport.RedisTestResource;
import org.junit.jupiter.api.Test;

/** The player page and its bundle are served; bad and unknown rooms get clear errors. */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class PlayPageTest {

    @org.junit.jupiter.api.BeforeEach
    void configApplied() {
        // The first config is applied in the background after start; the page needs the app.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> given().get("/api/apps/classroom").statusCode() == 200);
    }

    @Test
    void servesThePageForARoomOfAKnownApp() {
        given().get("/play/classroom/lecture").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("data-app=\"classroom\""))
                .body(containsString("data-room=\"lecture\""))
                .body(containsString("src=\"/player/player.js\""));
    }

    @Test
    void servesTheBundledPlayer() {
        String js = given().get("/player/player.js").then().statusCode(200).contentType(containsString("javascript"))
                .extract().asString();
        org.hamcrest.MatcherAssert.assertThat("a real bundle, not a stub", js.length(), greaterThan(100_000));
        given().get("/player/player.css").then().statusCode(200);
    }

    @Test
    void refusesBadAndUnknownRooms() {
        given().get("/play/nope/lecture").then().statusCode(404).body(containsString("no app called nope"));
        given().get("/play/classroom/bad..room").then().statusCode(400);
        given().get("/play/classroom/%3Cscript%3E").then().statusCode(400).body(org.hamcrest.Matchers.not(containsString("<script>")));
    }
}
