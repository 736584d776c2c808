package io.streamhub.egress.webhook;

import io.livekit.server.WebhookReceiver;
import io.streamhub.egress.driver.MediaNodes;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import livekit.LivekitWebhook.WebhookEvent;

/**
 * Verifies a LiveKit webhook with the SDK's {@link WebhookReceiver} over the raw body: the
 * Authorization JWT must be signed with the secret of the API key it names (its issuer), unexpired,
 * and carry the SHA-256 of exactly this body. Anything else is refused.
 */
@Singleton
public class WebhookVerifier {

    private final MediaNodes nodes;

    public WebhookVerifier(MediaNodes nodes) {
        this.nodes = nodes;
    }

    public WebhookEvent verify(String body, String authorization) throws WebhookRejected {
        if (authorization == null || authorization.isBlank()) {
            throw new WebhookRejected("missing Authorization header");
        }
        String token = authorization.startsWith("Bearer ") ? authorization.substring(7) : authorization;
        String apiKey = issuer(token);
        String secret = nodes.secretsByKey().get(apiKey);
        if (secret == null) {
            throw new WebhookRejected("unknown API key");
        }
        try {
            return new WebhookReceiver(apiKey, secret).receive(body, token);
        } catch (RuntimeException e) {
            throw new WebhookRejected("invalid signature, body hash or expiry");
        }
    }

    /** The JWT's {@code iss} (the API key), read without trusting it: it only selects the secret. */
    static String issuer(String jwt) throws WebhookRejected {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            throw new WebhookRejected("Authorization is not a JWT");
        }
        try {
            String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            String iss = new JsonObject(payload).getString("iss");
            if (iss == null) {
                throw new WebhookRejected("JWT has no issuer");
            }
            return iss;
        } catch (IllegalArgumentException | ClassCastException | io.vertx.core.json.DecodeException e) {
            throw new WebhookRejected("Authorization is not a JWT");
        }
    }

    /** A refused webhook; the message goes back in the 401. */
    public static class WebhookRejected extends Exception {
        private static final long serialVersionUID = 1L;

        public WebhookRejected(String message) {
            super(message, null, false, false);
        }
    }
}
