package io.streamhub.viewing.advice;

import io.streamhub.viewing.advice.AdviceQuestion.Interactivity;
import io.streamhub.viewing.estimate.CostEstimator;

/**
 * The design's decision matrix (DESIGN.md §8, docs/modes.md) as code: interactive → WebRTC and
 * edges; massive → HLS and a CDN; massive or recurring at scale → add P2P; never WebRTC for the
 * mass tail. Where the matrix says "WebRTC for host + VIPs, HLS+CDN for the rest" the answer is a
 * mode with WebRTC on, not a mode of its own. The thresholds are the matrix's audience bands.
 */
public final class ModeAdvisor {

    /** Monitoring and QC: a handful of watchers, pure WebRTC from the media node. */
    static final long MONITORING_MAX = 20;
    /** A class or webinar still fits regional WebRTC edges. */
    static final long CLASS_MAX = 500;
    /** From here an event is massive: HLS through a CDN with P2P beside it. */
    static final long MASS_MIN = 50_000;
    /** A recurring audience this large keeps swarms big enough for P2P to pay. */
    static final long RECURRING_P2P_MIN = 10_000;
    /** The share of traffic peers carried in the matrix's mass-event row. */
    static final double MASS_P2P_SHARE = 0.7;
    /** One media node serves about 350 WebRTC viewers at 2.5 Mbit/s on 1 Gbit/s (the matrix's 300–400). */
    static final double WEBRTC_MBITS_PER_NODE = 350 * 2.5;

    private final CostEstimator estimator;
    private final int segmentSeconds;

    public ModeAdvisor(CostEstimator estimator, int segmentSeconds) {
        this.estimator = estimator;
        this.segmentSeconds = segmentSeconds;
    }

    public Advice advise(AdviceQuestion q) {
        if (q.closedNetwork()) {
            return edge(q, "closed network / sovereignty", true, "0.2 s (WebRTC) / 6 s (HLS edges)",
                    "a closed network or sovereign data rules out a public CDN and viewers' peers: edges on own hardware,"
                            + " WebRTC for those who need real time, HLS edges for the rest");
        }
        if (q.vod()) {
            return hls(q, "cdn", "VOD catalog", false, true, "n/a", 0,
                    "an on-demand catalog is a long tail: push the recordings to S3 and serve them through a CDN"
                            + " (P2P helps only on spikes, when many watch one title at once)");
        }
        if (q.interactivity() == Interactivity.ALL) {
            if (q.audience() <= MONITORING_MAX) {
                return edge(q, "CCTV / monitoring / QC", true, "~0.2 s",
                        "a handful of viewers who need real time: WebRTC straight from the media node, nothing else to run");
            }
            if (q.audience() <= CLASS_MAX) {
                return edge(q, "interactive class / webinar", true, "~0.2 s",
                        "everyone interacts and " + q.audience() + " viewers fit regional WebRTC edges (one extra node)");
            }
            // Too many for WebRTC to everyone: the interactive few get it, the tail gets HLS.
            return tail(q, "live shopping / auction, 1→N",
                    q.audience() + " viewers are more than WebRTC edges should carry (never WebRTC for the mass tail):"
                            + " WebRTC for the ones who interact, HLS for the rest");
        }
        if (q.interactivity() == Interactivity.HOST) {
            return tail(q, "live shopping / auction, 1→N",
                    "the host and a few VIPs interact in real time over WebRTC; the audience watches HLS through a CDN");
        }
        if (q.audioOnly()) {
            boolean p2p = q.recurring() && q.audience() >= RECURRING_P2P_MIN;
            return hls(q, p2p ? "hybrid" : "cdn", "24/7 radio / audio", false, false, "6–15 s", p2p ? MASS_P2P_SHARE : 0,
                    "audio is about 20x cheaper than video through a CDN" + (p2p
                            ? "; a recurring audience this large also shares over P2P"
                            : "; P2P is an option for a large recurring audience"));
        }
        if (q.audience() >= MASS_MIN) {
            return hls(q, "hybrid", "mass event", false, false, "10–20 s", MASS_P2P_SHARE,
                    q.audience() + " viewers: HLS through a CDN, with peers carrying most of the segments (hybrid)");
        }
        if (q.recurring() && q.audience() >= RECURRING_P2P_MIN) {
            return hls(q, "hybrid", "mass event", false, false, "10–20 s", MASS_P2P_SHARE,
                    "a recurring audience of " + q.audience() + " keeps swarms large: add P2P to the CDN (hybrid)");
        }
        return hls(q, "cdn", "regional event", false, false, "6–15 s", 0,
                q.audience() + " viewers who only watch: HLS pulled by a CDN from the router, nothing else to run");
    }

    private Advice tail(AdviceQuestion q, String useCase, String reason) {
        boolean mass = q.audience() >= MASS_MIN || (q.recurring() && q.audience() >= RECURRING_P2P_MIN);
        return hls(q, mass ? "hybrid" : "cdn", useCase, true, false, "0.2 s (WebRTC) / " + (mass ? "10–20 s" : "6–15 s") + " (HLS)",
                mass ? MASS_P2P_SHARE : 0, reason + (mass ? "; at this size peers carry most of the HLS (hybrid)" : ""));
    }

    private Advice edge(AdviceQuestion q, String useCase, boolean webrtc, String latency, String reason) {
        long nodes = (long) Math.ceil(q.audience() * q.bitrateMbps() / WEBRTC_MBITS_PER_NODE);
        return new Advice("edge", useCase, webrtc, false, latency, 0, Math.max(1, nodes), reason,
                estimator.estimate(0, q.bitrateMbps(), q.hours(), 0, segmentSeconds));
    }

    private Advice hls(AdviceQuestion q, String mode, String useCase, boolean webrtc, boolean push, String latency, double p2pShare,
                       String reason) {
        return new Advice(mode, useCase, webrtc, push, latency, p2pShare, 0, reason,
                estimator.estimate(q.audience(), q.bitrateMbps(), q.hours(), p2pShare, segmentSeconds));
    }
}
