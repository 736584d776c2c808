package io.streamhub.egress.support;

import static io.restassured.RestAssured.given;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.livekit.server.AccessToken;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.UUID;
import livekit.LivekitEgress.EgressInfo;
import livekit.LivekitModels.Room;
import livekit.LivekitModels.TrackInfo;
import livekit.LivekitWebhook.WebhookEvent;

/** LiveKit webhooks as LiveKit sends them: protobuf JSON body, signed with the SDK's AccessToken. */
public final class Webhooks {

    private Webhooks() {
    }

    public static WebhookEvent roomEvent(String type, String roomName) {
        return WebhookEvent.newBuilder().setEvent(type).setId("EV_" + UUID.randomUUID())
                .setRoom(Room.newBuilder().setName(roomName).setSid("RM_" + roomName))
                .setCreatedAt(System.currentTimeMillis() / 1000).build();
    }

    public static WebhookEvent trackEvent(String roomName, TrackInfo track) {
        return roomEvent("track_published", roomName).toBuilder().setTrack(track).build();
    }

    public static WebhookEvent egressEvent(String type, EgressInfo info) {
        return WebhookEvent.newBuilder().setEvent(type).setId("EV_" + UUID.randomUUID()).setEgressInfo(info)
                .setCreatedAt(System.currentTimeMillis() / 1000).build();
    }

    public static String json(WebhookEvent event) {
        try {
            return JsonFormat.printer().print(event);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Authorization value LiveKit sends: a JWT over the body's SHA-256, signed with the key's secret. */
    public static String sign(String body, String key, String secret) {
        AccessToken token = new AccessToken(key, secret);
        token.setSha256(sha256(body));
        return token.toJwt();
    }

    public static String sha256(String body) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Response post(String body, String authorization) {
        var spec = given().contentType("application/webhook+json").body(body);
        if (authorization != null) {
            spec = spec.header("Authorization", authorization);
        }
        return spec.post("/webhooks/livekit");
    }

    /** Sends a correctly signed event and returns the response. */
    public static Response send(WebhookEvent event) {
        String body = json(event);
        return post(body, sign(body, FakeLiveKit.KEY, FakeLiveKit.SECRET));
    }
}
