package io.streamhub.router.proxy;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.streamhub.router.support.OriginClaims;
import io.streamhub.router.support.TestUpstream;
import io.streamhub.testsupport.RedisTestResource;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A master with origin protection: the CDN (with the token) gets the room; anybody going around it gets a 403. */
@QuarkusTest
@TestProfile(ProtectedMasterProfile.class)
@WithTestResource(RedisTestResource.class)
class OriginProtectionTest {

    static TestUpstream node;

    @Inject
    RedisDataSource redis;

    @BeforeAll
    static void start() {
        node = TestUpstream.start();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void onlyRequestsCarryingTheCdnsTokenReachTheRoom() {
        // A test class before this one may have restarted Redis: start once the router reaches it again.
        await("the router is ready (Redis reachable)").atMost(Duration.ofSeconds(30))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
        byte[] body = MasterShieldTest.randomBytes(2000, 77);
        node.put("/hls/shop/guarded/seg1.ts", body);
        redis.hash(String.class).hset("sh:node:node-g", "hlsUrl", node.baseUrl());
        OriginClaims.claim(redis, "shop", "guarded", "node-g");

        given().get("/hls/shop/guarded/seg1.ts").then().statusCode(403).header("Cache-Control", "no-store")
                .body(containsString("this origin answers its CDN only"));
        given().header("X-StreamHub-Origin-Token", "guess").get("/hls/shop/guarded/seg1.ts").then().statusCode(403);
        given().header("X-StreamHub-Origin-Token", "guess").options("/hls/shop/guarded/seg1.ts").then().statusCode(403);
        assertEquals(0, node.count("/hls/shop/guarded/seg1.ts"), "a refused request costs the origin nothing");

        assertArrayEquals(body, given().header("X-StreamHub-Origin-Token", ProtectedMasterProfile.TOKEN)
                .get("/hls/shop/guarded/seg1.ts").then().statusCode(200).extract().asByteArray());
        // Probes and scrapes are not viewer traffic.
        given().get("/q/health/ready").then().statusCode(200);
    }
}
