package io.streamhub.router.source;

import io.streamhub.router.config.Role;
import io.streamhub.router.config.RouterConfig;
import io.streamhub.router.ownership.LocalRooms;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/** Chooses, once at start-up, where this router's objects come from: disk, proxy, or both (all-in-one). */
@ApplicationScoped
public class RoleWiring {

    @Produces
    @ApplicationScoped
    HlsSource source(RouterConfig config, @Tier(Tier.Kind.DISK) Instance<HlsSource> disk,
                     @Tier(Tier.Kind.PROXY) Instance<HlsSource> proxy, LocalRooms rooms) {
        Role role = config.role();
        if (role == Role.ALL_IN_ONE) {
            return new AllInOneSource(rooms, disk.get(), proxy.get());
        }
        return role.servesDisk() ? disk.get() : proxy.get();
    }
}
