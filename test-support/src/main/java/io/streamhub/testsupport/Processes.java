package io.streamhub.testsupport;

import java.util.concurrent.TimeUnit;

/** Stopping a process a test started: politely (SIGTERM), then for good after ten seconds. */
public final class Processes {

    private Processes() {
    }

    public static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
