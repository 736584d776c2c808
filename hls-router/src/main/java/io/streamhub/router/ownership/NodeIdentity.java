package io.streamhub.router.ownership;

import io.quarkus.runtime.LaunchMode;
import io.streamhub.router.config.RouterConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.eclipse.microprofile.config.ConfigProvider;

/** Who this router is in Redis, and where other routers reach its origin. */
@ApplicationScoped
public class NodeIdentity {

    private final RouterConfig config;
    private final String nodeId;
    private final long startedAt = System.currentTimeMillis();

    public NodeIdentity(RouterConfig config) {
        this.config = config;
        this.nodeId = config.nodeId().orElseGet(NodeIdentity::hostName);
    }

    public String nodeId() {
        return nodeId;
    }

    public long startedAt() {
        return startedAt;
    }

    /** Read when first needed: with port 0 the real port is only known once the server listens. */
    public String advertisedUrl() {
        return config.advertisedUrl().orElseGet(() -> "http://" + hostName() + ':' + httpPort());
    }

    private static int httpPort() {
        String key = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
        return ConfigProvider.getConfig().getOptionalValue(key, Integer.class).orElse(8080);
    }

    static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
