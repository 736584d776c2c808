package io.streamhub.viewing.play;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.streamhub.config.source.ConfigMapFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

/**
 * Two real edges that answer the public contract's preflight as a router does (204), and one that
 * is down (a port nothing listens on), named by an edge-mode app in its own config folder.
 */
public class EdgesResource implements QuarkusTestResourceLifecycleManager {

    static final Path FOLDER = Path.of("target/test-apps-edges");
    static String upEu;
    static String upUs;
    static String downEu;
    private HttpServer eu;
    private HttpServer us;

    @Override
    public Map<String, String> start() {
        try {
            eu = preflightServer();
            us = preflightServer();
            upEu = "http://127.0.0.1:" + eu.getAddress().getPort();
            upUs = "http://127.0.0.1:" + us.getAddress().getPort();
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                downEu = "http://127.0.0.1:" + s.getLocalPort();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        new ConfigMapFolder(FOLDER).publish(Map.of("regional.yaml", """
                app: regional
                distribution:
                  mode: edge
                  edges:
                    - { url: %s, zone: eu }
                    - { url: %s, zone: us }
                    - { url: %s, zone: eu }
                """.formatted(downEu, upUs, upEu)));
        return Map.of("streamhub.config.folder", FOLDER.toString(),
                "streamhub.config.edge-probe.interval", "1s",
                "streamhub.config.edge-probe.timeout", "500ms");
    }

    private static HttpServer preflightServer() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/hls/", exchange -> {
            try (exchange) {
                exchange.sendResponseHeaders("OPTIONS".equals(exchange.getRequestMethod()) ? 204 : 400, -1);
            }
        });
        server.start();
        return server;
    }

    @Override
    public void stop() {
        eu.stop(0);
        us.stop(0);
    }
}
