package io.streamhub.router.ownership;

import io.streamhub.redis.state.SessionAdvertisements;
import io.streamhub.router.config.RouterConfig;
import io.streamhub.router.redis.AppSettings;
import io.streamhub.router.source.Duty;
import io.streamhub.router.source.Tier;
import io.streamhub.shared.HlsLayout;
import io.streamhub.shared.RoomId;
import io.streamhub.shared.SessionAdvertisement;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.TreeSet;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Tells the master which origin holds each recorded session ({@link SessionAdvertisements}), so a
 * session's VOD is found after the room's live claim lapsed or moved to another node. Level-triggered: every pass writes what the disk holds within the app's
 * VOD retention, so a Redis that lost the hash has it back within one pass; the hash expires with
 * the retention, and nothing is written for apps that keep no VOD.
 */
@ApplicationScoped
@Tier(Tier.Kind.DISK)
public class SessionAdvertiser implements Duty {

    private static final Logger LOG = Logger.getLogger(SessionAdvertiser.class);

    private final RouterConfig config;
    private final Vertx vertx;
    private final SessionAdvertisements advertisements;
    private final AppSettings settings;
    private final NodeIdentity node;
    private long timer;

    public SessionAdvertiser(RouterConfig config, Vertx vertx, SessionAdvertisements advertisements, AppSettings settings, NodeIdentity node) {
        this.config = config;
        this.vertx = vertx;
        this.advertisements = advertisements;
        this.settings = settings;
        this.node = node;
    }

    @Override
    public void start() {
        long every = config.origin().sessionInterval().toMillis();
        timer = vertx.setPeriodic(every, every, id -> pass());
    }

    @Override
    public void stop() {
        vertx.cancelTimer(timer);
    }

    /** One pass: scan on a worker, then advertise per room the sessions within the retention. */
    void pass() {
        Path appsRoot = HlsLayout.appsRoot(config.origin().dataDir().toAbsolutePath().normalize());
        vertx.executeBlocking(() -> scan(appsRoot), false).onSuccess(rooms -> rooms.forEach((room, sessions) ->
                settings.vodRetentionMillis(room.app()).onSuccess(retention -> {
                    if (retention <= 0) {
                        return;
                    }
                    long now = System.currentTimeMillis();
                    long newest = 0;
                    List<List<SessionAdvertisement>> held = new ArrayList<>();
                    for (var e : sessions.entrySet()) {
                        if (now - e.getValue().lastModified <= retention) {
                            newest = Math.max(newest, e.getValue().lastModified);
                            held.add(SessionAdvertisement.of(e.getKey(), e.getValue().generations, node.nodeId()));
                        }
                    }
                    if (newest > 0) {
                        advertisements.advertise(room, held, Math.max(1_000, newest + retention - now))
                                .onFailure(err -> LOG.debugf("advertising the sessions of %s failed: %s (next pass)", room, err.toString()));
                    }
                })));
    }

    /** What this origin holds of one session: its generations and when its newest recording last changed. */
    static final class Held {
        final TreeSet<Integer> generations = new TreeSet<>();
        long lastModified;
    }

    /** Per room, each session with recordings on disk and when its newest recording last changed. */
    static Map<RoomId, Map<String, Held>> scan(Path appsRoot) {
        Map<RoomId, Map<String, Held>> out = new HashMap<>();
        RoomFolders.forEach(appsRoot, (room, roomDir) -> {
            Map<String, Held> sessions = new HashMap<>();
            RoomFolders.withRenditions(roomDir).forEach(dir -> collect(dir, sessions));
            if (!sessions.isEmpty()) {
                out.put(room, sessions);
            }
        });
        return out;
    }

    private static void collect(Path dir, Map<String, Held> sessions) {
        for (Path f : RoomFolders.children(dir)) {
            HlsLayout.recordingOf(f.getFileName().toString()).ifPresent(part -> {
                BasicFileAttributes a = RoomFolders.attributes(f); // null: gone between listing and reading
                if (a != null && a.isRegularFile()) {
                    Held held = sessions.computeIfAbsent(part.session(), x -> new Held());
                    held.generations.add(part.generation());
                    held.lastModified = Math.max(held.lastModified, a.lastModifiedTime().toMillis());
                }
            });
        }
    }
}
