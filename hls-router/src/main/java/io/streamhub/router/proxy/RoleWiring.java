package io.streamhub.router.proxy;

import io.streamhub.router.config.Role;
import io.streamhub.router.config.RouterConfig;
import io.streamhub.router.http.HlsResponder;
import io.streamhub.router.http.HlsSource;
import io.streamhub.router.http.HttpErrors;
import io.streamhub.router.metrics.RouterMetrics;
import io.streamhub.router.origin.LocalRooms;
import io.streamhub.router.origin.OriginSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/** Chooses, once at start-up, where this router's objects come from. */
@ApplicationScoped
public class RoleWiring {

    @Produces
    @ApplicationScoped
    HlsSource source(RouterConfig config, Instance<OriginSource> origin, Instance<OwnerDirectory> owners,
                     UpstreamClient upstream, ShieldCache cache, SegmentFiles segmentFiles, HlsResponder responder, HttpErrors errors,
                     RouterMetrics metrics, LocalRooms rooms) {
        Role role = config.role();
        if (role == Role.ORIGIN) {
            return origin.get();
        }
        UpstreamLocator locator = role == Role.EDGE
                ? new FixedUpstream(config.upstream().url().orElseThrow(() -> new IllegalStateException(
                        "router.role=edge needs router.upstream.url (ROUTER_UPSTREAM_URL): the master to pull from")))
                : owners.get();
        ProxySource proxy = new ProxySource(locator, upstream, cache, segmentFiles, responder, errors, metrics, config);
        return role == Role.ALL_IN_ONE ? new AllInOneSource(rooms, origin.get(), proxy) : proxy;
    }
}
