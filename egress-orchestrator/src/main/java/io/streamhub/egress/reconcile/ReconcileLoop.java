package io.streamhub.egress.reconcile;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.streamhub.egress.config.OrchestratorConfig;
import io.streamhub.shared.RoomId;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs the orchestrator's work off the HTTP threads: the periodic pass over every room, and room
 * steps requested by webhooks and the admin API. LiveKit calls block, so this is plain threads:
 * one for the pass, a few for room steps (the room lock keeps steps of one room apart).
 */
@Singleton
public class ReconcileLoop {

    private static final Logger LOG = Logger.getLogger(ReconcileLoop.class);

    private static final long RETRY_MS = 500;
    private static final int MAX_TRIES = 120;

    private final RoomReconciler reconciler;
    private final FleetPass fleet;
    private final OrchestratorConfig config;
    private final ScheduledExecutorService pass = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "reconcile-pass"));
    private final ExecutorService steps = Executors.newFixedThreadPool(4, r -> daemon(r, "reconcile-step"));
    private volatile long lastPassAt;

    public ReconcileLoop(RoomReconciler reconciler, FleetPass fleet, OrchestratorConfig config) {
        this.reconciler = reconciler;
        this.fleet = fleet;
        this.config = config;
    }

    void start(@Observes StartupEvent ev) {
        long ms = config.reconcileInterval().toMillis();
        pass.scheduleWithFixedDelay(this::runPass, ms / 2, ms, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent ev) {
        pass.shutdownNow();
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
                    pass.schedule(() -> submit(room, change, tries + 1), RETRY_MS, TimeUnit.MILLISECONDS);
                } else {
                    LOG.warnf("room %s stayed locked; leaving it to the reconcile pass", room);
                }
            }
        });
    }

    public long lastPassAt() {
        return lastPassAt;
    }

    private void runPass() {
        try {
            fleet.reconcileAll();
            lastPassAt = System.currentTimeMillis();
        } catch (RuntimeException e) {
            LOG.warnf("reconcile pass failed: %s", e.toString());
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
