package io.streamhub.egress.reconcile;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.streamhub.shared.RoomId;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs the orchestrator's work off the HTTP threads: the periodic pass over every room (a Quarkus
 * scheduler job, one pass at a time), and room steps requested by webhooks and the admin API.
 * LiveKit calls block, so room steps run on a few plain threads (the room lock keeps steps of one
 * room apart), and their retries on one timer.
 */
@Singleton
public class ReconcileLoop {

    private static final Logger LOG = Logger.getLogger(ReconcileLoop.class);

    private static final long RETRY_MS = 500;
    private static final int MAX_TRIES = 120;

    private final RoomReconciler reconciler;
    private final FleetPass fleet;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "reconcile-retry"));
    private final ExecutorService steps = Executors.newFixedThreadPool(4, r -> daemon(r, "reconcile-step"));
    private volatile long lastPassAt;

    public ReconcileLoop(RoomReconciler reconciler, FleetPass fleet) {
        this.reconciler = reconciler;
        this.fleet = fleet;
    }

    void stop(@Observes ShutdownEvent ev) {
        retries.shutdownNow();
        steps.shutdownNow();
    }

    /** Converges a room soon, applying {@code change} first (under the room's lock). */
    public void submit(RoomId room, RoomReconciler.Change change) {
        submit(room, change, 0);
    }

    private void submit(RoomId room, RoomReconciler.Change change, int tries) {
        steps.execute(() -> {
            if (!reconciler.ensure(room, change)) {
                // Another replica holds the room: retry for as long as a lock can live. After that
                // the periodic pass still converges the room from LiveKit's own view.
                if (tries < MAX_TRIES) {
                    retries.schedule(() -> submit(room, change, tries + 1), RETRY_MS, TimeUnit.MILLISECONDS);
                } else {
                    LOG.warnf("room %s stayed locked; leaving it to the reconcile pass", room);
                }
            }
        });
    }

    public long lastPassAt() {
        return lastPassAt;
    }

    @Scheduled(identity = "reconcile-pass", every = "${orchestrator.reconcile-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void runPass() {
        try {
            fleet.reconcileAll();
            lastPassAt = System.currentTimeMillis();
        } catch (RuntimeException e) {
            LOG.warnf("reconcile pass failed: %s", e.toString());
        }
    }

    static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
