package io.streamhub.router.retention;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.streamhub.router.config.RouterConfig;
import io.streamhub.router.redis.AppSettings;
import io.streamhub.router.source.Duty;
import io.streamhub.router.source.Tier;
import io.streamhub.shared.HlsLayout;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Runs {@link DiskRetention} on a worker every {@code sweep-interval} (a duty of the disk tier),
 * and exports what the folder holds: {@code streamhub_origin_disk_used_bytes} (the HLS tree),
 * {@code streamhub_origin_disk_free_bytes} (the file system), and what was deleted.
 */
@ApplicationScoped
@Tier(Tier.Kind.DISK)
public class RetentionSweeper implements Duty {

    private static final Logger LOG = Logger.getLogger(RetentionSweeper.class);

    private final RouterConfig config;
    private final AppSettings settings;
    private final Vertx vertx;
    private final MeterRegistry metrics;
    private final AtomicLong used = new AtomicLong(-1);
    private DiskRetention retention;
    private Path dataDir;
    private Counter deletedFiles;
    private Counter deletedBytes;
    private Counter deletedRooms;
    private long timer = -1;
    private volatile boolean sweeping;

    public RetentionSweeper(RouterConfig config, Vertx vertx, MeterRegistry metrics, AppSettings settings) {
        this.settings = settings;
        this.config = config;
        this.vertx = vertx;
        this.metrics = metrics;
    }

    @Override
    public void start() {
        RouterConfig.Retention r = config.origin().retention();
        if (!r.enabled()) {
            return;
        }
        dataDir = config.origin().dataDir().toAbsolutePath().normalize();
        retention = new DiskRetention(HlsLayout.appsRoot(dataDir), config.origin().livePlaylistName(), r.keepRecording(),
                r.segmentGrace(), r.endedRoom(), System::currentTimeMillis, this::vodRetention);
        Gauge.builder("streamhub.origin.disk.used.bytes", used, AtomicLong::get).baseUnit("bytes")
                .description("Bytes in the origin's HLS folder after the last retention sweep").register(metrics);
        Gauge.builder("streamhub.origin.disk.free.bytes", this, RetentionSweeper::freeBytes).baseUnit("bytes")
                .description("Usable bytes left on the file system of the HLS folder").register(metrics);
        deletedFiles = Counter.builder("streamhub.origin.retention.deleted.files").description("Files retention deleted").register(metrics);
        deletedBytes = Counter.builder("streamhub.origin.retention.deleted.bytes").baseUnit("bytes")
                .description("Bytes retention deleted").register(metrics);
        deletedRooms = Counter.builder("streamhub.origin.retention.deleted.rooms").description("Ended rooms retention deleted").register(metrics);
        timer = vertx.setPeriodic(r.sweepInterval().toMillis(), r.sweepInterval().toMillis(), id -> sweep());
    }

    /** The app's VOD retention, read on the sweep's worker thread; not known in time counts as not known. */
    private long vodRetention(String app) {
        return settings.vodRetentionMillis(app).toCompletionStage().toCompletableFuture()
                .completeOnTimeout(AppSettings.UNKNOWN, 5, TimeUnit.SECONDS).exceptionally(e -> AppSettings.UNKNOWN).join();
    }

    @Override
    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void sweep() {
        if (sweeping) {
            return;
        }
        sweeping = true;
        vertx.executeBlocking(retention::sweep, false).onComplete(ar -> {
            sweeping = false;
            if (ar.failed()) {
                LOG.warnf("retention sweep failed: %s", ar.cause().toString());
                return;
            }
            DiskRetention.Result res = ar.result();
            used.set(res.bytesKept());
            deletedFiles.increment(res.deletedFiles());
            deletedBytes.increment(res.deletedBytes());
            deletedRooms.increment(res.deletedRooms());
            if (res.deletedRooms() > 0) {
                LOG.infof("retention deleted %d ended room(s)", res.deletedRooms());
            }
        });
    }

    private double freeBytes() {
        try {
            return Files.getFileStore(dataDir).getUsableSpace();
        } catch (IOException e) {
            return Double.NaN;
        }
    }
}
