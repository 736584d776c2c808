package io.streamhub.router.proxy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.streamhub.router.support.TestUpstream;
import io.streamhub.testsupport.RedisTestResource;
import org.junit.jupiter.api.Test;

/** Issue 30: an upstream's error page is read only up to a cap, however long the upstream makes it. */
@QuarkusTest
@TestProfile(EdgeProfile.class)
@WithTestResource(RedisTestResource.class)
class UpstreamErrorBodyTest {

    static final long HUGE = 256L * 1024 * 1024;
    /** What the loopback socket buffers may hold beyond what the router read before it hung up. */
    static final long SOCKET_SLACK = 16L * 1024 * 1024;

    @Test
    void aHugeErrorBodyIsCutAtTheCapAndTheUpstreamStillServes() {
        TestUpstream upstream = EdgeProfile.UPSTREAM;
        for (int status : new int[] {500, 404}) {
            String path = "/hls/tv/broken/error" + status + ".ts";
            upstream.failWithBody(path, status, HUGE);
            long t0 = System.nanoTime();
            given().get(path).then().statusCode(status == 404 ? 404 : 502);
            long millis = (System.nanoTime() - t0) / 1_000_000;
            long sent = upstream.sent(path);
            assertTrue(sent < UpstreamClient.MAX_ERROR_BODY_BYTES + SOCKET_SLACK,
                    status + ": the router read on only to its cap, the upstream wrote " + sent + " of " + HUGE + " bytes");
            assertTrue(millis < 3000, status + ": answered at the cap, not after the whole page: " + millis + " ms");
            upstream.heal(path);
        }
        byte[] segment = MasterShieldTest.randomBytes(2000, 30);
        upstream.put("/hls/tv/broken/fine.ts", segment);
        assertArrayEquals(segment, given().get("/hls/tv/broken/fine.ts").asByteArray(), "the next fetch from that upstream works");
    }
}
