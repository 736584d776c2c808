package io.streamhub.router.proxy;

import io.streamhub.router.config.RouterConfig;
import io.streamhub.router.source.Duty;
import io.streamhub.router.source.Tier;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Where the shield cache keeps segment bodies: one file each in {@code proxy.cache-dir}, sent with
 * zero-copy {@code sendFile} as nginx sends its cache (an in-memory body costs a copy per response;
 * for 1 MiB segments that copy decided throughput). Put the folder on tmpfs (a memory-backed
 * emptyDir) to keep it in RAM; on disk the page cache keeps the hot ones there. The cache's byte
 * budget bounds it either way: an evicted entry's file is deleted.
 */
@ApplicationScoped
@Tier(Tier.Kind.PROXY)
public class SegmentFiles implements Duty {

    private static final Logger LOG = Logger.getLogger(SegmentFiles.class);
    /** A response may have just looked the file up; deleting later never cuts one short. */
    static final long DELETE_DELAY_MS = 30_000;

    private final Vertx vertx;
    private final Path dir;
    private final AtomicLong names = new AtomicLong();

    private final Path base;

    public SegmentFiles(Vertx vertx, RouterConfig config) {
        this.vertx = vertx;
        this.base = config.proxy().cacheDir().toAbsolutePath().normalize();
        // One folder per process: several routers may share a host and its cache-dir.
        this.dir = base.resolve("p" + ProcessHandle.current().pid());
    }

    @Override
    public void start() {
        try {
            Files.createDirectories(dir);
            reclaimDeadProcesses();
        } catch (IOException e) {
            throw new UncheckedIOException("router.proxy.cache-dir " + base + " is not usable", e);
        }
    }

    /** Folders of routers that no longer run are not in any cache: reclaim the space. */
    void reclaimDeadProcesses() throws IOException {
        try (Stream<Path> folders = Files.list(base)) {
            for (Path folder : folders.toList()) {
                String name = folder.getFileName().toString();
                if (!name.matches("p\\d+") || folder.equals(dir)
                        || ProcessHandle.of(Long.parseLong(name.substring(1))).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(folder)) {
                    files.forEach(f -> f.toFile().delete());
                }
                Files.deleteIfExists(folder);
                LOG.debugf("reclaimed %s", folder);
            }
        }
    }

    /** Writes a body to a new file (on a worker thread); completes with its path. */
    Future<String> store(Buffer body) {
        Path file = dir.resolve(names.incrementAndGet() + ".seg");
        return vertx.executeBlocking(() -> {
            Files.write(file, body.getBytes());
            return file.toString();
        }, false);
    }

    /** Deletes an evicted body's file once no response can still be about to open it. */
    void discardLater(String file) {
        vertx.setTimer(DELETE_DELAY_MS, id -> vertx.fileSystem().delete(file)
                .onFailure(e -> LOG.debugf("could not delete %s: %s", file, e.getMessage())));
    }
}
