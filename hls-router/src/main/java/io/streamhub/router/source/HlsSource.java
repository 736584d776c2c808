package io.streamhub.router.source;

import io.streamhub.shared.HlsPath;
import io.vertx.core.http.HttpServerRequest;

/** Where a role gets an HLS object from: local disk, the shield cache, or both. */
public interface HlsSource {

    /** Answers the request for a validated path; must always end the response. */
    void serve(HttpServerRequest request, HlsPath path);
}
