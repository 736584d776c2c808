package io.streamhub.router.proxy;

import io.streamhub.shared.RoomId;
import io.vertx.core.Future;

/** The edge role's locator: every room comes from one configured upstream. */
final class FixedUpstream implements UpstreamLocator {

    private final Future<String> base;

    FixedUpstream(String baseUrl) {
        String trimmed = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.base = Future.succeededFuture(trimmed);
    }

    @Override
    public Future<String> locate(RoomId room) {
        return base;
    }
}
