package io.streamhub.router.ownership;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.streamhub.redis.RedisOps;
import io.streamhub.router.config.RouterConfig;
import io.streamhub.router.redis.AppSettings;
import io.streamhub.shared.HlsLayout;
import io.streamhub.shared.RoomId;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.TreeSet;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Tells the master which origin holds each recorded session ({@code <prefix>sessions:<app>:<room>},
 * see {@link #ADVERTISE}), so a session's VOD is found after the room's live claim lapsed or
 * moved to another node. Level-triggered: every pass writes what the disk holds within the app's
 * VOD retention, so a Redis that lost the hash has it back within one pass; the hash expires with
 * the retention, and nothing is written for apps that keep no VOD.
 */
@ApplicationScoped
public class SessionAdvertiser {

    private static final Logger LOG = Logger.getLogger(SessionAdvertiser.class);

    /**
     * Writes {@code <session>-g<n>} → this node for every generation held, and {@code <session>} →
     * {@code <generation>:<node>} only when this node holds the session's newest generation: an egress
     * that moved mid-live leaves its generations on two nodes, and the VOD playlist comes from the one
     * with the last part while each segment still goes where it lies.
     */
    private static final String ADVERTISE = """
            for i = 3, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
            local cur = redis.call('HGET', KEYS[1], ARGV[1])
            local gen = tonumber(string.match(ARGV[2], '^(%d+):'))
            local had = cur and tonumber(string.match(cur, '^(%d+):') or '-1') or -1
            if had <= gen then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end
            return 1
            """;

    private final RouterConfig config;
    private final Vertx vertx;
    private final RedisOps redis;
    private final AppSettings settings;
    private final NodeIdentity node;
    private long timer = -1;

    public SessionAdvertiser(RouterConfig config, Vertx vertx, RedisOps redis, AppSettings settings, NodeIdentity node) {
        this.config = config;
        this.vertx = vertx;
        this.redis = redis;
        this.settings = settings;
        this.node = node;
    }

    void start(@Observes StartupEvent ev) {
        if (config.role().servesDisk()) {
            long every = config.origin().sessionInterval().toMillis();
            timer = vertx.setPeriodic(every, every, id -> pass());
        }
    }

    void stop(@Observes ShutdownEvent ev) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** One pass: scan on a worker, then one script per session and one PEXPIRE per room, for sessions within the retention. */
    void pass() {
        Path appsRoot = HlsLayout.appsRoot(config.origin().dataDir().toAbsolutePath().normalize());
        vertx.executeBlocking(() -> scan(appsRoot), false).onSuccess(rooms -> rooms.forEach((room, sessions) ->
                settings.vodRetentionMillis(room.app()).onSuccess(retention -> {
                    if (retention <= 0) {
                        return;
                    }
                    long now = System.currentTimeMillis();
                    long newest = 0;
                    String key = redis.keys().sessions(room);
                    Future<?> chain = Future.succeededFuture();
                    for (var e : sessions.entrySet()) {
                        Held held = e.getValue();
                        if (now - held.lastModified > retention) {
                            continue;
                        }
                        newest = Math.max(newest, held.lastModified);
                        List<String> args = new ArrayList<>();
                        args.add(e.getKey());
                        args.add(held.generations.last() + ":" + node.nodeId());
                        for (int g : held.generations) {
                            args.add(e.getKey() + "-g" + g);
                            args.add(node.nodeId());
                        }
                        chain = chain.compose(x -> redis.evalLong(ADVERTISE, new String[] {key}, args.toArray(new String[0])));
                    }
                    if (newest == 0) {
                        return;
                    }
                    long ttl = Math.max(1_000, newest + retention - now);
                    chain.compose(ok -> redis.send(Request.cmd(Command.PEXPIRE).arg(key).arg(ttl)))
                            .onFailure(err -> LOG.debugf("advertising the sessions of %s failed: %s (next pass)", room, err.toString()));
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
            collect(roomDir, sessions);
            for (Path sub : RoomFolders.children(roomDir)) {
                if (Files.isDirectory(sub, LinkOption.NOFOLLOW_LINKS)) {
                    collect(sub, sessions);
                }
            }
            if (!sessions.isEmpty()) {
                out.put(room, sessions);
            }
        });
        return out;
    }

    private static void collect(Path dir, Map<String, Held> sessions) {
        for (Path f : RoomFolders.children(dir)) {
            HlsLayout.recordingOf(f.getFileName().toString()).ifPresent(part -> {
                try {
                    BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    if (a.isRegularFile()) {
                        Held held = sessions.computeIfAbsent(part.session(), x -> new Held());
                        held.generations.add(part.generation());
                        held.lastModified = Math.max(held.lastModified, a.lastModifiedTime().toMillis());
                    }
                } catch (IOException e) {
                    // gone between listing and reading
                }
            });
        }
    }
}
