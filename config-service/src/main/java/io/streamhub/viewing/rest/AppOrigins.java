package io.streamhub.viewing.rest;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.streamhub.config.apps.LiveApps;
import io.streamhub.shared.app.EffectiveAppConfig;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CORS by app, in place of Quarkus's filter, which cannot tell apps apart. A page on another origin
 * may call one app's endpoints ({@code /api/apps/<app>/…}) only from the app's {@code p2p.allowed_origins}
 * (any origin when it lists none, as at the tracker); the operator's ({@code /api/admin}, {@code /api/reload})
 * never; the rest (the app list, estimates, advice, the schema) from any. A refused origin is a 403
 * before anything runs: no slot taken, nothing counted. Same-origin calls (the page this service serves)
 * pass as they are.
 */
@Singleton
public class AppOrigins {

    static final Pattern APP_PATH = Pattern.compile("/api/apps/([^/]+)/.*|/api/apps/([^/]+)");
    static final Pattern OPERATOR_PATH = Pattern.compile("/api/admin(/.*)?|/api/reload|/admin(/.*)?");

    private final LiveApps live;

    public AppOrigins(LiveApps live) {
        this.live = live;
    }

    void register(@Observes Filters filters) {
        filters.register(this::filter, 100);
    }

    void filter(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String origin = request.getHeader("Origin");
        if (origin == null || sameOrigin(origin, request)) {
            rc.next();
            return;
        }
        String refusal = refusal(origin, rc.normalizedPath());
        if (refusal != null) {
            rc.response().setStatusCode(403).putHeader("Content-Type", "application/json").end(new JsonObject().put("error", refusal).encode());
            return;
        }
        rc.response().putHeader("Access-Control-Allow-Origin", origin).putHeader("Vary", "Origin")
                .putHeader("Access-Control-Expose-Headers", PlayerStatsResource.TICKET_HEADER);
        if (request.method() == HttpMethod.OPTIONS && request.getHeader("Access-Control-Request-Method") != null) {
            rc.response().putHeader("Access-Control-Allow-Methods", "GET, POST, DELETE").putHeader("Access-Control-Allow-Headers", "Content-Type")
                    .putHeader("Access-Control-Max-Age", "600").setStatusCode(204).end();
            return;
        }
        rc.next();
    }

    /** Why a page on {@code origin} may not call {@code path}, or {@code null}. */
    String refusal(String origin, String path) {
        if (OPERATOR_PATH.matcher(path).matches()) {
            return "the operator's endpoints take no calls from pages on other origins";
        }
        Matcher m = APP_PATH.matcher(path);
        if (!m.matches()) {
            return null;
        }
        String name = m.group(1) != null ? m.group(1) : m.group(2);
        EffectiveAppConfig app = live.app(name);
        return app == null || app.p2p().allowsOrigin(origin) ? null
                : "origin " + origin + " is not one of app " + name + "'s allowed origins (p2p.allowed_origins)";
    }

    /** The page's origin names the host (and port) this request was sent to: the Host header, or HTTP/2's :authority. */
    private static boolean sameOrigin(String origin, HttpServerRequest request) {
        HostAndPort own = request.authority();
        try {
            URI uri = URI.create(origin);
            return own != null && uri.getHost() != null && uri.getHost().equalsIgnoreCase(own.host()) && uri.getPort() == own.port();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
