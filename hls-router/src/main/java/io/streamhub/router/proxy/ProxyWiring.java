package io.streamhub.router.proxy;

import io.streamhub.router.config.Role;
import io.streamhub.router.config.RouterConfig;
import io.streamhub.router.http.HlsResponder;
import io.streamhub.router.http.HttpErrors;
import io.streamhub.router.metrics.RouterMetrics;
import io.streamhub.router.source.HlsSource;
import io.streamhub.router.source.Tier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/** The proxy tier: the shield cache in front of the room's owner (master) or of one fixed upstream (edge). */
@ApplicationScoped
public class ProxyWiring {

    @Produces
    @ApplicationScoped
    @Tier(Tier.Kind.PROXY)
    HlsSource proxy(RouterConfig config, Instance<OwnerDirectory> owners, UpstreamClient upstream, ShieldCache cache,
                    SegmentFiles segmentFiles, HlsResponder responder, HttpErrors errors, RouterMetrics metrics) {
        UpstreamLocator locator = config.role() == Role.EDGE
                ? new FixedUpstream(config.upstream().url().orElseThrow(() -> new IllegalStateException(
                        "router.role=edge needs router.upstream.url (ROUTER_UPSTREAM_URL): the master to pull from")))
                : owners.get();
        return new ProxySource(locator, upstream, cache, segmentFiles, responder, errors, metrics, config);
    }
}
