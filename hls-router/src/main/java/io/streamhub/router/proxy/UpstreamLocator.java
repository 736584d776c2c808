package io.streamhub.router.proxy;

import io.streamhub.shared.HlsPath;
import io.streamhub.shared.RoomId;
import io.vertx.core.Future;

/** Finds the base URL that serves a room's HLS: the owning origin (master) or a fixed upstream (edge). */
public interface UpstreamLocator {

    /**
     * The upstream's base URL (e.g. {@code http://10.0.0.5:8080}); {@code null} when no node serves
     * the room (the viewer gets 404); a failed future with an {@link UpstreamException} when the
     * answer cannot be had.
     */
    Future<String> locate(RoomId room);

    /** The upstream for one file: by default the room's; a locator may route a file by the session it names. */
    default Future<String> locate(HlsPath path) {
        return locate(path.roomId());
    }

    /** The located upstream failed: forget what was cached about it so the next try asks again. */
    default void upstreamFailed(RoomId room) {
    }

    /** The edge's locator: every room comes from one configured upstream. */
    static UpstreamLocator fixed(String baseUrl) {
        Future<String> base = Future.succeededFuture(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        return room -> base;
    }
}
