package io.streamhub.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The shape check that MonitoringTest runs on every panel and rule finds the mistakes it is there for. */
class PromQlShapeTest {

    @Test
    void wellFormedExpressionsPass() {
        assertEquals(List.of(), PromQlShape.problems("sum by (app, room) (rate(streamhub_router_hls_bytes_total{namespace=~\"$namespace\","
                + "kind=\"segment\",role=~\"master|all-in-one\",room!=\"_other\"}[5m])) / sum by (app, room) "
                + "(rate(streamhub_player_room_bytes_total{room!=\"_other\"}[5m])) and on (app, room) vector(1) > 0.10"
                .replace("vector(1)", "streamhub_redis_up")));
        assertEquals(List.of(), PromQlShape.problems("histogram_quantile(0.95, sum by (app, le) "
                + "(rate(streamhub_player_startup_seconds_bucket{app=\"a,b}\"}[15m])))"));
    }

    @Test
    void typosAreFound() {
        for (String bad : List.of(
                "sum(rate(streamhub_router_requests_total[5m])",
                "sum(rate(streamhub_router_requests_total{status=~\"5..}[5m]))",
                "sum(rate(streamhub_router_requests_total{status=5}[5m]))",
                "sum(rate(streamhub_router_requests_total[5 m]))",
                "sum(rat(streamhub_router_requests_total[5m]))",
                "sum by (app room) (rate(streamhub_router_requests_total[5m]))",
                "histogram_quantile(0.5, sum by (le) (rate(streamhub_player_startup_seconds[5m])))",
                "sum(rate(streamhub_router_requests_total[5m)])")) {
            assertFalse(PromQlShape.problems(bad).isEmpty(), bad);
        }
    }
}
