package io.streamhub.viewing.play;

import io.streamhub.config.settings.ServiceConfig;
import io.streamhub.shared.RoomId;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * A viewer's ticket, {@code <clientId>.<expiresAt>.<mac>}: playback gives one to each viewer of a
 * room, and the viewer shows it again on every re-poll (its WebRTC slot), release and report. The MAC
 * (HMAC-SHA256 under {@code signing-key}, cut to 18 bytes) covers the app, the room, the client id
 * (12 random bytes, hex) and the expiry (epoch seconds), so a ticket cannot be made up, moved to
 * another room or extended without the key.
 */
@Singleton
public class ViewerTickets {

    private static final Logger LOG = Logger.getLogger(ViewerTickets.class);

    /** A ticket whose MAC is right for its room; {@code expiresAt} in epoch milliseconds. */
    public record Ticket(String clientId, long issuedAt, long expiresAt) {
        public boolean expired(long now) {
            return now >= expiresAt;
        }
    }

    // Per instance, not static: a native image must not freeze a seed (see NativeRegistrationsTest).
    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;
    private final long ttlMs;

    public ViewerTickets(ServiceConfig config) {
        byte[] secret = config.signingKey().filter(k -> !k.isBlank()).map(k -> k.getBytes(StandardCharsets.UTF_8)).orElseGet(() -> {
            LOG.warn("streamhub.config.signing-key is unset: viewer tickets are signed with a key of this process only, "
                    + "so other replicas refuse them (set the same key on every replica; the chart does)");
            byte[] b = new byte[32];
            random.nextBytes(b);
            return b;
        });
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.ttlMs = config.viewerTicketTtl().toMillis();
    }

    /** The id of a viewer playback has not seen: 12 random bytes, hex. */
    public String newClientId() {
        byte[] id = new byte[12];
        random.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    /** A fresh ticket for a viewer already known by its id. */
    public String issue(RoomId room, String clientId) {
        long expires = System.currentTimeMillis() / 1000 + ttlMs / 1000;
        return clientId + '.' + expires + '.' + mac(room, clientId, expires);
    }

    /** The ticket, when its MAC is this room's (expired or not: the caller decides); else {@code null}. */
    public Ticket read(RoomId room, String text) {
        String[] parts = text == null ? new String[0] : text.split("\\.", -1);
        if (parts.length != 3 || !parts[0].matches("[0-9a-f]{24}") || !parts[1].matches("[0-9]{1,12}")) {
            return null;
        }
        long expires = Long.parseLong(parts[1]);
        boolean ok = MessageDigest.isEqual(mac(room, parts[0], expires).getBytes(StandardCharsets.US_ASCII),
                parts[2].getBytes(StandardCharsets.US_ASCII));
        return ok ? new Ticket(parts[0], expires * 1000 - ttlMs, expires * 1000) : null;
    }

    private String mac(RoomId room, String clientId, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] full = mac.doFinal((room.app() + '/' + room.room() + '/' + clientId + '/' + expires).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(full, 18));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
