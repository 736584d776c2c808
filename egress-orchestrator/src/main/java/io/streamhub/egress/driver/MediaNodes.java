package io.streamhub.egress.driver;

import io.streamhub.egress.config.OrchestratorConfig;
import io.streamhub.redis.state.NodeRecords;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The LiveKit servers to act on: configured ones, plus (when discovery is on) media nodes that
 * heartbeat a {@code livekitUrl} into their record ({@link NodeRecords}). A node whose heartbeat expired is gone.
 */
@Singleton
public class MediaNodes {

    private static final Logger LOG = Logger.getLogger(MediaNodes.class);

    private final OrchestratorConfig config;
    private final NodeRecords records;
    private volatile Map<String, MediaNode> known = Map.of();

    public MediaNodes(OrchestratorConfig config, NodeRecords records) {
        this.config = config;
        this.records = records;
        refresh();
    }

    /** Re-reads configured and discovered nodes; called on every reconcile pass. */
    public void refresh() {
        Map<String, MediaNode> nodes = new LinkedHashMap<>();
        if (config.driver() == OrchestratorConfig.Driver.SIMULATED) {
            nodes.put("local", new MediaNode("local", "simulated", "", ""));
            known = nodes;
            return;
        }
        config.livekit().nodes().forEach((id, n) -> credentials(id, n.url(), n.apiKey(), n.apiSecret()).ifPresent(m -> nodes.put(id, m)));
        if (config.livekit().discover()) {
            try {
                records.readAll().forEach((id, record) -> {
                    String url = record.livekitUrl();
                    if (url != null && !url.isBlank() && !nodes.containsKey(id)) {
                        credentials(id, url, Optional.empty(), Optional.empty()).ifPresent(m -> nodes.put(id, m));
                    }
                });
            } catch (RuntimeException e) {
                LOG.warnf("node discovery failed (%s); using the last known nodes", e.getMessage());
                config.livekit().nodes().keySet().forEach(id -> nodes.putIfAbsent(id, known.get(id)));
                known.forEach(nodes::putIfAbsent);
            }
        }
        known = nodes;
    }

    private Optional<MediaNode> credentials(String id, String url, Optional<String> key, Optional<String> secret) {
        Optional<String> k = key.or(() -> config.livekit().apiKey());
        Optional<String> s = secret.or(() -> config.livekit().apiSecret());
        if (k.isEmpty() || s.isEmpty()) {
            LOG.warnf("media node %s has no API key/secret (orchestrator.livekit.api-key/-secret); skipped", id);
            return Optional.empty();
        }
        return Optional.of(new MediaNode(id, url, k.get(), s.get()));
    }

    public Optional<MediaNode> get(String id) {
        return Optional.ofNullable(id == null ? null : known.get(id));
    }

    public List<MediaNode> all() {
        return List.copyOf(known.values());
    }

    /** Secrets by API key, for verifying webhooks (LiveKit signs them with the node's key). */
    public Map<String, String> secretsByKey() {
        Map<String, String> m = new LinkedHashMap<>();
        config.livekit().apiKey().ifPresent(k -> config.livekit().apiSecret().ifPresent(s -> m.put(k, s)));
        known.values().stream().filter(n -> !n.apiKey().isEmpty()).forEach(n -> m.putIfAbsent(n.apiKey(), n.apiSecret()));
        return m;
    }
}
