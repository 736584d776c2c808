package io.streamhub.testsupport;

import java.io.IOException;

/** A POSIX signal to a process we started ({@code kill -<name>}), to freeze, thaw or stop it as a fault would. */
final class Signals {

    private Signals() {
    }

    static void send(Process p, String name) throws IOException {
        try {
            int rc = new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).inheritIO().start().waitFor();
            if (rc != 0) {
                throw new IOException("kill -" + name + " " + p.pid() + " exited with " + rc);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

}
