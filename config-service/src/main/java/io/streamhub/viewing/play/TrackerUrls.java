package io.streamhub.viewing.play;

import io.quarkus.runtime.StartupEvent;
import io.streamhub.config.settings.ServiceConfig;
import io.streamhub.shared.AnnouncePath;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.zip.CRC32;

/**
 * Where a viewer announces for one swarm (shard) of a room: {@code <tracker base>/<app>/<room>[/<shard>]}.
 * When the installation's own tracker runs as several pods, each swarm lives on exactly one of them,
 * named in its URL in one of two ways ({@link Pods}):
 * <ul>
 * <li>{@code tracker-pods}: one host whose Gateway API routes send {@code /t/<i>} to pod {@code i};
 *     the URL becomes {@code <scheme>://<host>/t/<i><base path>/<swarm>};</li>
 * <li>{@code tracker-pod-urls}: each pod's own announce base, listed; the URL becomes
 *     {@code <url of pod i>/<swarm>} (no cluster needed: several local tracker processes do).</li>
 * </ul>
 * Shard {@code k} of a room goes to pod {@code (h + k) mod P}, {@code h} the CRC32 of {@code <app>/<room>}
 * ({@link #podOf}): a room's shards take consecutive pods, so no pod holds more than ⌈K/P⌉ of its K.
 */
final class TrackerUrls {

    private TrackerUrls() {
    }

    /** How the installation's own tracker is split: no pods ({@link #NONE}), {@code /t/<i>} routes, or a URL per pod. */
    record Pods(int count, List<String> urls) {

        static final Pods NONE = new Pods(0, List.of());

        /** The installation's setting; an unusable one is an {@link IllegalArgumentException} (thrown at startup by {@link StartupCheck}). */
        static Pods of(ServiceConfig config) {
            return parse(config.trackerPods(), config.trackerPodUrls());
        }

        static Pods parse(int trackerPods, Optional<List<String>> podUrls) {
            List<String> listed = podUrls.orElse(List.of()).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
            if (listed.isEmpty()) {
                return trackerPods > 0 ? new Pods(trackerPods, List.of()) : NONE;
            }
            if (trackerPods > 0) {
                throw new IllegalArgumentException("streamhub.config.tracker-pod-urls (" + listed.size() + " URLs) and streamhub.config.tracker-pods ("
                        + trackerPods + ") are both set: set one. tracker-pod-urls names each pod's announce URL; tracker-pods routes /t/<i> "
                        + "on default-tracker-url's host to pod i (a Gateway API route per pod).");
            }
            List<String> urls = new ArrayList<>(listed.size());
            for (int i = 0; i < listed.size(); i++) {
                urls.add(checked(i, listed.get(i)));
            }
            return new Pods(urls.size(), List.copyOf(urls));
        }

        private static String checked(int index, String url) {
            String problem;
            try {
                URI uri = new URI(url);
                String scheme = uri.getScheme();
                if (scheme == null || !(scheme.equals("ws") || scheme.equals("wss"))) {
                    problem = "is not a ws:// or wss:// URL";
                } else if (uri.getHost() == null) {
                    problem = "has no host";
                } else if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                    problem = "has a query or fragment (the swarm path is appended to it)";
                } else {
                    return Playback.trim(url);
                }
            } catch (URISyntaxException e) {
                problem = "is not a URL (" + e.getReason() + ")";
            }
            throw new IllegalArgumentException("streamhub.config.tracker-pod-urls: entry " + index + " \"" + url + "\" " + problem
                    + "; each entry is one tracker pod's announce base, e.g. wss://tracker-0.example.com/announce");
        }
    }

    /** An unusable pod setting stops the service at startup instead of failing every playback request. */
    @Singleton
    static class StartupCheck {
        void check(@Observes StartupEvent ev, ServiceConfig config) {
            Pods.of(config);
        }
    }

    static String announce(String base, String app, String room, OptionalInt shard, Pods pods) {
        String swarm = new AnnouncePath(app, room, shard).swarmPath();
        String b = Playback.trim(base);
        if (pods.count() <= 0) {
            return b + '/' + swarm;
        }
        int pod = podOf(app, room, shard.orElse(0), pods.count());
        if (!pods.urls().isEmpty()) {
            return pods.urls().get(pod) + '/' + swarm;
        }
        URI uri = URI.create(b);
        return uri.getScheme() + "://" + uri.getRawAuthority() + "/t/" + pod + uri.getRawPath() + '/' + swarm;
    }

    /**
     * The pod that holds shard {@code shard} (0 for an unsharded room) of a room: {@code (h + shard) mod pods},
     * {@code h} the CRC32 of {@code <app>/<room>}. Stable for as long as the number of pods is; an unsharded
     * room keeps the pod that the earlier CRC32-of-the-swarm-path rule gave it.
     */
    static int podOf(String app, String room, int shard, int pods) {
        CRC32 crc = new CRC32();
        crc.update((app + '/' + room).getBytes(StandardCharsets.UTF_8));
        return (int) ((crc.getValue() % pods + shard) % pods);
    }
}
