package io.streamhub.e2e;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Where a test client connects from. All of 127.0.0.0/8 is this machine's loopback on Linux, so a
 * client bound to 127.0.0.2 and one bound to 127.0.0.3 are two addresses to every per-address
 * limit (the services trust no proxy here, so the connection's peer is the client). {@link #ANY}
 * leaves the choice to the kernel (127.0.0.1 towards 127.0.0.1).
 */
final class SourceAddress {

    /** One event-loop group for every test client. */
    static final Vertx VERTX = Vertx.vertx();
    static final SourceAddress ANY = new SourceAddress(null);

    /** {@code null}: the kernel's choice. */
    final String ip;

    SourceAddress(String ip) {
        this.ip = ip;
    }

    /**
     * Runs {@code chain} (request, send, body…) on an event loop and hands its outcome to the calling
     * thread. Built from a thread of our own, a chain may get its {@code body()} step attached only
     * after the event loop has handled the response's data, which Vert.x 4 then drops: a 200 with an
     * empty body, or no end at all (eclipse-vertx/vert.x#5904). On the event loop every step is
     * attached before any answer can be handled.
     */
    static <T> CompletableFuture<T> onEventLoop(Supplier<Future<T>> chain) {
        CompletableFuture<T> outcome = new CompletableFuture<>();
        VERTX.runOnContext(v -> chain.get().onComplete(ar -> {
            if (ar.succeeded()) {
                outcome.complete(ar.result());
            } else {
                outcome.completeExceptionally(ar.cause());
            }
        }));
        return outcome;
    }

    /** Keep-alive HTTP/1.1 connections from this address, at most {@code connections} to each server. */
    HttpClient http(int connections) {
        HttpClientOptions options = new HttpClientOptions().setMaxPoolSize(connections).setConnectTimeout(2_000);
        if (ip != null) {
            options.setLocalAddress(ip);
        }
        return VERTX.createHttpClient(options);
    }

    /** WebSocket connections from this address, at most {@code connections} open to each server. */
    WebSocketClient webSockets(int connections) {
        WebSocketClientOptions options = new WebSocketClientOptions().setMaxConnections(connections).setConnectTimeout(2_000);
        if (ip != null) {
            options.setLocalAddress(ip);
        }
        return VERTX.createWebSocketClient(options);
    }

    /** A blocking TCP connection to {@code port} on 127.0.0.1 from this address, receiving into at most {@code receiveBuffer} bytes of kernel buffer. */
    SocketChannel socket(int port, int receiveBuffer) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            // Before connect, so the window the server sees is small from the handshake on.
            channel.setOption(StandardSocketOptions.SO_RCVBUF, receiveBuffer);
            channel.bind(new InetSocketAddress(ip == null ? "127.0.0.1" : ip, 0));
            channel.connect(new InetSocketAddress("127.0.0.1", port));
            return channel;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public String toString() {
        return ip == null ? "127.0.0.1" : ip;
    }
}
