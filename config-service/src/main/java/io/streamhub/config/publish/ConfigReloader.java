package io.streamhub.config.publish;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.streamhub.config.apps.AppConfigValidator;
import io.streamhub.config.apps.LiveApps;
import io.streamhub.config.settings.ServiceConfig;
import io.streamhub.config.source.AppSource;
import io.streamhub.config.source.FolderSource;
import io.streamhub.config.source.GitSource;
import io.streamhub.shared.app.EffectiveAppConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Keeps the live config in step with its source: on every poll (and, for a folder, on every change
 * the watcher sees) it fetches, validates the whole folder, and either publishes it to Redis or
 * rejects it — visibly in {@link LiveConfig}, a metric and the log — while the last good config
 * stays live. The first attempt runs in the start observer (readiness waits for one); then the Quarkus
 * scheduler polls ({@code poll-interval}), and the folder watcher's thread reloads on a change.
 */
@ApplicationScoped
public class ConfigReloader implements LiveApps {

    private static final Logger LOG = Logger.getLogger(ConfigReloader.class);

    /** What one attempt did. */
    public enum Outcome { APPLIED, UNCHANGED, REJECTED, FAILED }

    private final ServiceConfig config;
    private final ConfigPublisher publisher;
    private final LastGoodConfig lastGood;
    private final MeterRegistry metrics;
    private final AppConfigValidator validator = new AppConfigValidator();
    private final AppSource source;
    private volatile LiveConfig live = LiveConfig.EMPTY;
    private final List<Gauge> gauges = new java.util.ArrayList<>();
    /** {@code streamhub_config_revision_info{revision}} = 1 for the revision served; the row moves with it. */
    private MultiGauge revisionInfo;
    private String shownRevision;

    public ConfigReloader(ServiceConfig config, ConfigPublisher publisher, LastGoodConfig lastGood, MeterRegistry metrics) {
        this.config = config;
        this.publisher = publisher;
        this.lastGood = lastGood;
        this.metrics = metrics;
        this.source = config.source() == ServiceConfig.SourceKind.GIT ? new GitSource(config.git()) : new FolderSource(config.folder());
    }

    void start(@Observes StartupEvent ev) {
        gauges.add(Gauge.builder("streamhub.config.apps", this, r -> r.live.apps().size())
                .description("Apps in the live config").register(metrics));
        gauges.add(Gauge.builder("streamhub.config.head.rejected", this, r -> r.live.rejected() == null ? 0 : 1)
                .description("1 while the source's newest revision is rejected and an older good one is served").register(metrics));
        // At 0 from the start, so an alert on its rate has a series before the first repair.
        metrics.counter("streamhub.config.repairs");
        revisionInfo = MultiGauge.builder("streamhub.config.revision.info")
                .description("1 for the revision being served, in its revision label").register(metrics);
        poll(); // at once, as readiness waits for it; the scheduler's first tick may be a second away
        if (source instanceof FolderSource folder) {
            watch(folder.folder());
        }
        LOG.infof("config source %s, polled every %s", source.describe(), config.pollInterval());
    }

    void stop(@Observes ShutdownEvent ev) {
        // The registry can outlive this instance (tests restart the application in one JVM): a gauge
        // left behind would report a dead instance's state.
        gauges.forEach(metrics::remove);
    }

    public LiveConfig live() {
        return live;
    }

    @Override
    public Map<String, EffectiveAppConfig> apps() {
        return live.apps();
    }

    public String sourceDescription() {
        return source.describe();
    }

    /**
     * One attempt; serialised, so a poll and a manual reload never interleave. Every attempt that
     * does not publish a new revision checks that Redis still holds the live one ({@link ConfigPublisher#ensure}).
     */
    public synchronized Outcome reload() {
        Instant now = Instant.now();
        LiveConfig before = live;
        try {
            AppSource.Snapshot snap = source.fetch();
            if (snap.revision().equals(before.revision())) {
                // Back at (or still at) the live revision: a rejection seen meanwhile no longer applies.
                live = copy(before, now, null, List.of(), null);
                repair(live);
                return count(Outcome.UNCHANGED);
            }
            if (snap.revision().equals(before.rejected())) {
                live = copy(before, now, before.rejected(), before.problems(), null);
                repair(live);
                return count(Outcome.UNCHANGED);
            }
            AppConfigValidator.Result result = validator.validateFolder(snap.folder());
            if (!result.ok()) {
                result.problems().forEach(p -> LOG.warnf("config %s rejected: %s", snap.revision(), p));
                live = copy(before.revision() == null ? recovered(now) : before, now, snap.revision(), result.problems(), null);
                repair(live);
                return count(Outcome.REJECTED);
            }
            Set<String> changed = publisher.publish(before.apps(), result.apps(), snap.revision());
            result.warnings().forEach(w -> LOG.warnf("config %s applied with a warning: %s", snap.revision(), w));
            live = new LiveConfig(Map.copyOf(result.apps()), snap.revision(), now, now, null, List.of(), null);
            lastGood.save(live.apps(), live.revision());
            LOG.infof("config %s applied: %d app(s), changed %s", snap.revision(), result.apps().size(), changed);
            return count(Outcome.APPLIED);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("config reload failed (last good config stays live): %s", e.toString());
            LiveConfig base = before.revision() == null ? recovered(now) : before;
            live = copy(base, now, base.rejected(), base.problems(), e.getMessage());
            repair(live);
            return count(Outcome.FAILED);
        }
    }

    /**
     * Nothing is live yet and the source cannot give a good revision: serve the last good one from
     * Redis, the kept file or the source's history, so the service is ready and the other services
     * keep (or get back) their config. Returns {@link LiveConfig#EMPTY} when there is none anywhere.
     */
    private LiveConfig recovered(Instant now) {
        return lastGood.recover(source, validator).map(r -> {
            LOG.warnf("serving the last good config %s (%d app(s), from %s) until the source has a valid revision",
                    r.revision(), r.apps().size(), r.from());
            metrics.counter("streamhub.config.recoveries", "from", r.from()).increment();
            return new LiveConfig(Map.copyOf(r.apps()), r.revision(), now, now, null, List.of(), null);
        }).orElse(LiveConfig.EMPTY);
    }

    /** Level-triggered publication: Redis must hold the live revision; what it lost is written again. */
    private void repair(LiveConfig l) {
        if (l.revision() == null) {
            return;
        }
        try {
            Set<String> repaired = publisher.ensure(l.apps(), l.revision());
            if (!repaired.isEmpty()) {
                LOG.infof("Redis did not hold config %s for %s: written again", l.revision(), repaired);
                metrics.counter("streamhub.config.repairs").increment(repaired.size());
            }
        } catch (RuntimeException e) {
            LOG.debugf("cannot check the published config: %s", e.toString());
        }
    }

    // The first poll is start()'s; the scheduler's come one interval later and every interval after.
    @Scheduled(identity = "config-poll", every = "${streamhub.config.poll-interval}", delayed = "${streamhub.config.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        try {
            reload();
        } catch (RuntimeException e) {
            LOG.warn("config reload crashed", e);
        }
    }

    private static LiveConfig copy(LiveConfig l, Instant checkedAt, String rejected,
                                   List<io.streamhub.config.apps.Problem> problems, String error) {
        return new LiveConfig(l.apps(), l.revision(), l.appliedAt(), checkedAt, rejected, problems, error);
    }

    private Outcome count(Outcome o) {
        metrics.counter("streamhub.config.reloads", "outcome", o.name().toLowerCase(java.util.Locale.ROOT)).increment();
        showRevision();
        return o;
    }

    private void showRevision() {
        String revision = live.revision();
        if (revisionInfo != null && !java.util.Objects.equals(revision, shownRevision)) {
            shownRevision = revision;
            revisionInfo.register(revision == null ? List.of() : List.of(MultiGauge.Row.of(Tags.of("revision", revision), 1)), true);
        }
    }

    /** Kubernetes swaps a {@code ..data} symlink inside the folder: watch the folder, not the files. */
    private void watch(Path folder) {
        Thread t = new Thread(() -> {
            try (WatchService ws = FileSystems.getDefault().newWatchService()) {
                folder.register(ws, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
                while (!Thread.currentThread().isInterrupted()) {
                    var key = ws.take();
                    Thread.sleep(100); // let a burst of events settle
                    key.pollEvents();
                    key.reset();
                    poll();
                }
            } catch (IOException e) {
                LOG.warnf("cannot watch %s (%s); polling only", folder, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "config-watch");
        t.setDaemon(true);
        t.start();
    }
}
