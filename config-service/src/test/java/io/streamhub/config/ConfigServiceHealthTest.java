package io.streamhub.config;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamhub.config.source.ConfigMapResource;
import io.streamhub.testsupport.RedisTestResource;
import org.junit.jupiter.api.Test;

/** The service boots and reports itself alive. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
@WithTestResource(ConfigMapResource.class)
class ConfigServiceHealthTest {

    @Test
    void reportsLive() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
