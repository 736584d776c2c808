package io.streamhub.tracker.swarm;

/** The transport to one client connection, as the swarm logic sees it. */
public interface PeerLink {

    /** Queues a text frame; false when the connection is gone or was dropped as a slow reader. */
    boolean send(String frame);

    /** As {@link #send(String)}, for a frame already encoded as UTF-8 (relayed offers and answers). */
    boolean send(byte[] utf8Frame);

    /** Closes the connection with a WebSocket close code and reason. */
    void close(int code, String reason);

    /** Pings the client if it has sent nothing for the keepalive interval (proxies drop quiet connections). */
    default void keepAlive(long now) {
    }
}
