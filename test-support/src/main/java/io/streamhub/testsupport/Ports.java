package io.streamhub.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ephemeral 127.0.0.1 ports for servers that tests start as separate processes. */
public final class Ports {

    private Ports() {
    }

    /** A port free right now (the kernel picks it); a caller that loses a race simply retries. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
