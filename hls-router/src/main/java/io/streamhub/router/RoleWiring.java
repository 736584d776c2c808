package io.streamhub.router;

import static io.streamhub.router.source.Tier.Kind.DISK;
import static io.streamhub.router.source.Tier.Kind.PROXY;
import static io.streamhub.router.source.Tier.Kind.REDIS;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.streamhub.redis.RedisOps;
import io.streamhub.redis.RedisReachability;
import io.streamhub.router.config.RouterConfig;
import io.streamhub.router.health.RouterReadiness;
import io.streamhub.router.metrics.HlsBytes;
import io.streamhub.router.metrics.RouterMetrics;
import io.streamhub.router.ownership.LocalRooms;
import io.streamhub.router.proxy.UpstreamLocator;
import io.streamhub.router.redis.AppSettings;
import io.streamhub.router.source.Duty;
import io.streamhub.router.source.HlsSource;
import io.streamhub.router.source.Tier;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Readiness;

/**
 * The one place that reads {@code router.role} (set per workload at run time: one image, every role)
 * and decides what exists in it: the role's tiers, hence its {@link HlsSource}, how it finds a room's
 * upstream, its readiness rule, and the {@link Duty duties} it starts. Beans of the other tiers are
 * never created. origin = disk + Redis; master = proxy + Redis; edge = proxy (one fixed upstream, no
 * Redis); all-in-one = all three, a room this node holds coming from disk and any other through the proxy.
 */
@ApplicationScoped
public class RoleWiring {

    private final Set<Tier.Kind> tiers;
    private final List<Duty> started = new ArrayList<>();

    public RoleWiring(RouterConfig config) {
        this.tiers = switch (config.role()) {
            case ORIGIN -> EnumSet.of(DISK, REDIS);
            case MASTER -> EnumSet.of(PROXY, REDIS);
            case EDGE -> EnumSet.of(PROXY);
            case ALL_IN_ONE -> EnumSet.allOf(Tier.Kind.class);
        };
    }

    @Produces
    @ApplicationScoped
    HlsSource source(@Tier(DISK) Instance<HlsSource> disk, @Tier(PROXY) Instance<HlsSource> proxy, LocalRooms rooms) {
        if (!tiers.contains(PROXY)) {
            return disk.get();
        }
        if (!tiers.contains(DISK)) {
            return proxy.get();
        }
        HlsSource local = disk.get();
        HlsSource remote = proxy.get();
        return (request, path) -> (rooms.holds(path.roomId()) ? local : remote).serve(request, path);
    }

    /** With Redis, the room's owner; without (the edge), one fixed upstream. */
    @Produces
    @ApplicationScoped
    UpstreamLocator locator(@Tier(REDIS) Instance<UpstreamLocator> owners, RouterConfig config) {
        return tiers.contains(REDIS) ? owners.get() : UpstreamLocator.fixed(config.upstream().url().orElseThrow(() ->
                new IllegalStateException("router.role=edge needs router.upstream.url (ROUTER_UPSTREAM_URL): the master to pull from")));
    }

    /** The per-room byte counts take their mode label from the app settings where this router reads them. */
    @Produces
    @Singleton
    HlsBytes hlsBytes(MeterRegistry registry, RouterMetrics metrics, RouterConfig config, Instance<AppSettings> settings) {
        return new HlsBytes(registry, metrics.role(), config.roomMetricsMax(), tiers.contains(REDIS) ? settings.get() : null);
    }

    /** A router that finds rooms in Redis is not ready before it reached Redis once (it knows no room yet). */
    @Produces
    @Readiness
    @Singleton
    HealthCheck readiness(RouterMetrics metrics, RedisOps redis, RouterConfig config) {
        return new RouterReadiness(metrics.role(), tiers.contains(REDIS) ? redis : null, tiers.containsAll(EnumSet.of(PROXY, REDIS)),
                config.upstream().url().orElse(""));
    }

    void start(@Observes StartupEvent ev, @Tier(DISK) Instance<Duty> disk, @Tier(PROXY) Instance<Duty> proxy,
               @Tier(REDIS) Instance<Duty> redisDuties, Vertx vertx, RedisOps redis, MeterRegistry registry) {
        Map<Tier.Kind, Instance<Duty>> duties = Map.of(DISK, disk, PROXY, proxy, REDIS, redisDuties);
        if (tiers.contains(REDIS)) {
            // streamhub_redis_up and health reflect Redis even when no traffic needs it.
            RedisReachability.watch(vertx, redis, registry);
        }
        for (Tier.Kind tier : tiers) {
            for (Duty duty : duties.get(tier)) {
                duty.start();
                started.add(duty);
            }
        }
    }

    void stop(@Observes ShutdownEvent ev) {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).stop();
        }
    }
}
