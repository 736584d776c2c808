package io.streamhub.config;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The service skeleton boots and reports itself alive; its features arrive with their issue. */
@QuarkusTest
class ConfigServiceHealthTest {

    @Test
    void reportsLive() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
