package io.streamhub.viewing.advice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamhub.viewing.advice.AdviceQuestion.Interactivity;
import io.streamhub.viewing.estimate.CostEstimator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every row of the decision matrix (DESIGN.md §8, docs/modes.md), and its rules, as the advisor answers them. */
class ModeAdvisorTest {

    final ModeAdvisor advisor = new ModeAdvisor(new CostEstimator(Map.of("bunny", "*:0.005"), Map.of()), 6);

    static AdviceQuestion live(long audience, Interactivity interactivity) {
        return new AdviceQuestion(audience, interactivity, false, false, false, 2.5, false, 1);
    }

    double bunny(Advice a) {
        return a.cost().byProvider().get("bunny").usd();
    }

    @Test
    void monitoringIsPureWebRtcFromTheMediaNode() {
        Advice a = advisor.advise(live(8, Interactivity.ALL));
        assertEquals("edge", a.mode());
        assertEquals("CCTV / monitoring / QC", a.useCase());
        assertTrue(a.webrtc());
        assertEquals("~0.2 s", a.latency());
        assertEquals(1, a.webrtcNodes());
        assertEquals(0, bunny(a), "no CDN");
    }

    @Test
    void liveShoppingIsCdnWithWebRtcForTheHostAndVips() {
        Advice a = advisor.advise(live(2000, Interactivity.HOST));
        assertEquals("cdn", a.mode(), "a mode plus WebRTC on, not a mode of its own");
        assertTrue(a.webrtc());
        assertEquals("live shopping / auction, 1→N", a.useCase());
        assertEquals("0.2 s (WebRTC) / 6–15 s (HLS)", a.latency());
        assertEquals(0, a.p2pShare());
        // The row's ~$6–60/h: 100 viewers to 5k at 2.5 Mbit/s.
        assertEquals(11.25, bunny(a), 0.01);
        assertTrue(bunny(advisor.advise(live(5000, Interactivity.HOST))) <= 60);
    }

    @Test
    void anInteractiveClassGetsRegionalWebRtcEdges() {
        Advice a = advisor.advise(live(300, Interactivity.ALL));
        assertEquals("edge", a.mode());
        assertEquals("interactive class / webinar", a.useCase());
        assertTrue(a.webrtc());
        assertEquals("~0.2 s", a.latency());
        assertEquals(1, a.webrtcNodes(), "one extra node: ~350 viewers at 2.5 Mbit/s on 1 Gbit/s");
        assertEquals(2, advisor.advise(live(500, Interactivity.ALL)).webrtcNodes());
    }

    @Test
    void aRegionalEventIsHlsThroughACdn() {
        Advice a = advisor.advise(live(5000, Interactivity.NONE));
        assertEquals("cdn", a.mode());
        assertEquals("regional event", a.useCase());
        assertFalse(a.webrtc());
        assertEquals("6–15 s", a.latency());
        // The row's ~$6–56/h at Bunny, 1k to 10k viewers.
        assertEquals(5.63, bunny(advisor.advise(live(1000, Interactivity.NONE))), 0.01);
        assertEquals(56.25, bunny(advisor.advise(live(10_000, Interactivity.NONE))), 0.01);
    }

    @Test
    void aMassEventIsHybridAndCostsAbout170DollarsAnHourAt100k() {
        Advice a = advisor.advise(live(100_000, Interactivity.NONE));
        assertEquals("hybrid", a.mode());
        assertEquals("mass event", a.useCase());
        assertEquals("10–20 s", a.latency());
        assertEquals(0.7, a.p2pShare());
        assertEquals(168.75, bunny(a), 0.01);
    }

    @Test
    void radioIsCdnAndAboutTwentyTimesCheaperThanVideo() {
        AdviceQuestion radio = new AdviceQuestion(2000, Interactivity.NONE, false, false, false, 0.128, true, 24 * 30);
        Advice a = advisor.advise(radio);
        assertEquals("cdn", a.mode());
        assertEquals("24/7 radio / audio", a.useCase());
        assertEquals("6–15 s", a.latency());
        AdviceQuestion video = new AdviceQuestion(2000, Interactivity.NONE, false, false, false, 2.5, false, 24 * 30);
        assertTrue(bunny(advisor.advise(video)) / bunny(a) > 19);
        // A large recurring audience shares over P2P too ("cdn … or p2p").
        assertEquals("hybrid", advisor.advise(new AdviceQuestion(20_000, Interactivity.NONE, false, true, false, 0.128, true, 1)).mode());
    }

    @Test
    void aClosedNetworkIsAlwaysEdge() {
        for (long audience : new long[] {5, 400, 100_000}) {
            for (Interactivity i : Interactivity.values()) {
                Advice a = advisor.advise(new AdviceQuestion(audience, i, true, true, false, 2.5, false, 1));
                assertEquals("edge", a.mode(), audience + " " + i);
                assertEquals("closed network / sovereignty", a.useCase());
                assertEquals("0.2 s (WebRTC) / 6 s (HLS edges)", a.latency());
                assertEquals(0, bunny(a), "own hardware");
            }
        }
        assertEquals(286, advisor.advise(new AdviceQuestion(100_000, Interactivity.NONE, true, false, false, 2.5, false, 1)).webrtcNodes());
    }

    @Test
    void aVodCatalogIsPushedToS3AndServedByACdn() {
        Advice a = advisor.advise(new AdviceQuestion(3000, Interactivity.NONE, false, false, true, 2.5, false, 1));
        assertEquals("cdn", a.mode());
        assertEquals("VOD catalog", a.useCase());
        assertTrue(a.pushS3());
        assertEquals("n/a", a.latency());
    }

    @Test
    void neverWebRtcForTheMassTailAndRecurringAudiencesAddP2p() {
        Advice everyoneInteracts = advisor.advise(live(5000, Interactivity.ALL));
        assertEquals("cdn", everyoneInteracts.mode(), "5,000 is beyond WebRTC edges: HLS for the tail");
        assertTrue(everyoneInteracts.webrtc(), "WebRTC stays for the ones who interact");
        Advice massShopping = advisor.advise(live(100_000, Interactivity.HOST));
        assertEquals("hybrid", massShopping.mode());
        assertTrue(massShopping.webrtc());
        assertEquals("0.2 s (WebRTC) / 10–20 s (HLS)", massShopping.latency());
        assertEquals("cdn", advisor.advise(live(20_000, Interactivity.NONE)).mode());
        assertEquals("hybrid", advisor.advise(new AdviceQuestion(20_000, Interactivity.NONE, false, true, false, 2.5, false, 1)).mode(),
                "massive and recurring: add P2P");
    }
}
