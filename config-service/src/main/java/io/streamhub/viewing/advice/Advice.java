package io.streamhub.viewing.advice;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.streamhub.viewing.estimate.CostEstimator;

/**
 * The advisor's answer: a mode of the app config ({@code distribution.mode}) plus the switches the
 * matrix adds to it ({@code webrtc.enabled}, {@code push.s3}), the latency viewers get, the cost
 * and why.
 *
 * @param useCase      the decision matrix's row this follows
 * @param webrtc       turn {@code webrtc.enabled} on (edge mode's viewers, or the host's VIPs in cdn/hybrid)
 * @param pushS3       push the segments to S3 ({@code push.s3}) rather than pull from the origin
 * @param p2pShare     the share of traffic peers are expected to carry, as the cost assumes
 * @param webrtcNodes  for edge mode: media nodes the audience needs over WebRTC, else 0
 * @param cost         CDN traffic and cost per provider for the event (zero CDN traffic in edge mode)
 */
// Returned inside a Response, which hides its type from the native build's own scan.
@RegisterForReflection
public record Advice(String mode, String useCase, boolean webrtc, boolean pushS3, String latency, double p2pShare,
                     long webrtcNodes, String reason, CostEstimator.Estimate cost) {
}
