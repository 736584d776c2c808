package io.streamhub.config.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamhub.config.ServiceConfig;
import io.streamhub.config.apps.P2pTiming;

/** Derives what a player needs for one room from the app's effective config (design §5). */
final class Playback {

    private Playback() {
    }

    static ObjectNode of(String app, String room, JsonNode effective, ServiceConfig config) {
        JsonNode d = effective.path("distribution");
        String mode = d.path("mode").asText();
        String hlsPath = "/hls/" + app + '/' + room + "/index.m3u8";
        String base = switch (mode) {
            case "edge" -> d.path("edges").path(0).path("url").asText(config.publicHlsUrl());
            default -> d.path("cdn").path("base_url").asText(config.publicHlsUrl());
        };
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("app", app).put("room", room).put("mode", mode);
        out.put("playlistUrl", trim(base) + hlsPath);
        out.put("playUrl", trim(config.publicUrl()) + "/play/" + app + '/' + room);
        P2pTiming timing = P2pTiming.of(effective);
        out.putObject("timing").put("segmentSeconds", timing.segmentSeconds())
                .put("liveSyncDurationCount", timing.liveSyncSegments());
        ObjectNode p2p = out.putObject("p2p");
        JsonNode appP2p = d.path("p2p");
        boolean enabled = appP2p.path("enabled").asBoolean();
        p2p.put("enabled", enabled);
        if (enabled) {
            var announce = p2p.putArray("announce");
            if (appP2p.path("trackers").isEmpty()) {
                announce.add(trim(config.defaultTrackerUrl()) + '/' + app + '/' + room);
            } else {
                appP2p.path("trackers").forEach(t -> announce.add(trim(t.asText()) + '/' + app + '/' + room));
            }
            var ice = p2p.putArray("iceServers");
            appP2p.path("ice_servers").forEach(s -> ice.addObject().put("urls", s.asText()));
            // One swarm per room whatever host the playlist came from (CDN, edge, origin).
            p2p.put("swarmId", app + '/' + room);
            p2p.put("highDemandTimeWindow", timing.highDemandWindowSeconds());
            p2p.put("p2pDownloadTimeWindow", timing.p2pDownloadWindowSeconds());
        }
        return out;
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
