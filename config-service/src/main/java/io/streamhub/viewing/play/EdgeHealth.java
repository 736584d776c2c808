package io.streamhub.viewing.play;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.quarkus.scheduler.Scheduler;
import io.streamhub.config.apps.LiveApps;
import io.streamhub.config.settings.ServiceConfig;
import io.streamhub.shared.app.EffectiveAppConfig;
import io.streamhub.shared.app.EffectiveAppConfig.Edge;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Probes every edge the live config names, so playback does not send viewers to an edge that is
 * down. The probe is the public contract's CORS preflight ({@code OPTIONS <edge>/hls/}): every
 * router role answers it with 204 at once, without asking its upstream, so it says "this edge's
 * router is reachable" and costs nothing. A Quarkus scheduler job, scheduled only when the interval
 * is not 0 (0 turns probing off, and the scheduler has no "0 = off"): a handful of requests every few seconds.
 */
@ApplicationScoped
public class EdgeHealth {

    private static final Logger LOG = Logger.getLogger(EdgeHealth.class);

    private final LiveApps apps;
    private final ServiceConfig.EdgeProbe settings;
    private final Map<String, Boolean> down = new ConcurrentHashMap<>();
    private final HttpClient client;

    public EdgeHealth(LiveApps apps, ServiceConfig config) {
        this.apps = apps;
        this.settings = config.edgeProbe();
        this.client = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    void start(@Observes StartupEvent ev, Scheduler scheduler) {
        if (!settings.interval().isZero()) {
            scheduler.newJob("edge-probe").setInterval(settings.interval().toString())
                    .setConcurrentExecution(ConcurrentExecution.SKIP).setTask(execution -> probeAll()).schedule();
        }
    }

    /** Whether the edge's last probe failed; an edge not probed yet is not down. */
    public boolean isDown(Edge edge) {
        return down.getOrDefault(edge.url(), false);
    }

    void probeAll() {
        try {
            Set<String> urls = apps.apps().values().stream()
                    .filter(a -> a.mode() == EffectiveAppConfig.Mode.EDGE)
                    .flatMap(a -> a.distribution().edges().stream()).map(Edge::url).collect(Collectors.toSet());
            down.keySet().retainAll(urls);
            urls.parallelStream().forEach(this::probe);
        } catch (RuntimeException e) {
            LOG.warnf("edge probe pass failed: %s", e.getMessage());
        }
    }

    private void probe(String url) {
        boolean isDown;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(Playback.trim(url) + "/hls/"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "https://streamhub-edge-probe.invalid")
                    .header("Access-Control-Request-Method", "GET")
                    .timeout(settings.timeout()).build();
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            isDown = status >= 500;
        } catch (java.io.IOException | IllegalArgumentException e) {
            isDown = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        Boolean was = down.put(url, isDown);
        if (was == null ? isDown : was != isDown) {
            if (isDown) {
                LOG.warnf("edge %s is down: playback sends its viewers to other edges", url);
            } else {
                LOG.infof("edge %s is up", url);
            }
        }
    }
}
