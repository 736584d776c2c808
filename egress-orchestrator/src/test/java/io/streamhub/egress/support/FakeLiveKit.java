package io.streamhub.egress.support;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import livekit.LivekitEgress.EgressInfo;
import livekit.LivekitEgress.EgressStatus;
import livekit.LivekitEgress.ListEgressRequest;
import livekit.LivekitEgress.ListEgressResponse;
import livekit.LivekitEgress.RoomCompositeEgressRequest;
import livekit.LivekitEgress.StopEgressRequest;
import livekit.LivekitEgress.TrackCompositeEgressRequest;
import livekit.LivekitModels.Room;
import livekit.LivekitRoom.ListRoomsResponse;

/**
 * An in-process LiveKit API server speaking the real wire protocol: Twirp over HTTP with protobuf
 * bodies, decoded with the SDK's own message classes, and the SDK's JWT checked (signature, issuer,
 * expiry and the grant each call needs). Rooms and egress live in memory; tests steer failures.
 */
public final class FakeLiveKit implements AutoCloseable {

    public static final String KEY = "APIfake";
    public static final String SECRET = "fake-secret-with-enough-entropy-0123456789";

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final Map<String, EgressInfo> egress = new ConcurrentHashMap<>();
    private final Map<String, Room> rooms = new ConcurrentHashMap<>();
    private final Map<String, Integer> listEgressCalls = new ConcurrentHashMap<>();
    private final List<EgressInfo> started = Collections.synchronizedList(new ArrayList<>());
    private final List<String> authFailures = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger failNextStarts = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong slowNextStartMs = new java.util.concurrent.atomic.AtomicLong();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile boolean down;

    public FakeLiveKit() throws Exception {
        server = vertx.createHttpServer().requestHandler(this::handle);
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    public String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    public void addRoom(String name, int publishers) {
        rooms.put(name, Room.newBuilder().setName(name).setSid("RM_" + name).setNumPublishers(publishers).build());
    }

    public void removeRoom(String name) {
        rooms.remove(name);
    }

    /** Egress start requests received, in order (as EgressInfo with the request inside). */
    public List<EgressInfo> started() {
        synchronized (started) {
            return List.copyOf(started);
        }
    }

    public List<EgressInfo> startedFor(String roomName) {
        return started().stream().filter(e -> e.getRoomName().equals(roomName)).toList();
    }

    public List<EgressInfo> active(String roomName) {
        return egress.values().stream().filter(e -> e.getRoomName().equals(roomName) && isActive(e)).toList();
    }

    public EgressInfo egress(String id) {
        return egress.get(id);
    }

    /** The egress fails, as LiveKit would report in an egress_ended webhook. */
    public EgressInfo fail(String egressId, String error) {
        return egress.computeIfPresent(egressId, (id, e) -> e.toBuilder().setStatus(EgressStatus.EGRESS_FAILED).setError(error).build());
    }

    /** ListEgress calls received for this room name ("" for the whole node). */
    public int listEgressCalls(String roomName) {
        return listEgressCalls.getOrDefault(roomName, 0);
    }

    /** The next {@code n} start calls answer with a Twirp error. */
    public void failNextStarts(int n) {
        failNextStarts.set(n);
    }

    /** The next start call takes this long before it answers (a LiveKit under load). */
    public void slowNextStart(java.time.Duration d) {
        slowNextStartMs.set(d.toMillis());
    }

    /** Simulates an unreachable node: every call fails. */
    public void setDown(boolean down) {
        this.down = down;
    }

    /** JWT problems seen; a correct client causes none. */
    public List<String> authFailures() {
        return List.copyOf(authFailures);
    }

    private static boolean isActive(EgressInfo e) {
        return e.getStatus() == EgressStatus.EGRESS_STARTING || e.getStatus() == EgressStatus.EGRESS_ACTIVE;
    }

    private void handle(HttpServerRequest req) {
        req.body().onSuccess(body -> {
            if (down) {
                twirpError(req, 503, "unavailable", "node down");
                return;
            }
            String path = req.path();
            String method = path.substring(path.lastIndexOf('/') + 1);
            boolean egressCall = path.startsWith("/twirp/livekit.Egress/");
            boolean roomCall = path.startsWith("/twirp/livekit.RoomService/");
            if (!"POST".equals(req.method().name()) || !(egressCall || roomCall)) {
                twirpError(req, 404, "bad_route", "no route " + path);
                return;
            }
            if (!"application/protobuf".equals(req.getHeader("Content-Type"))) {
                twirpError(req, 400, "malformed", "expected protobuf, got " + req.getHeader("Content-Type"));
                return;
            }
            String denied = authorize(req.getHeader("Authorization"), egressCall ? "roomRecord" : "roomList");
            if (denied != null) {
                authFailures.add(method + ": " + denied);
                twirpError(req, 401, "unauthenticated", denied);
                return;
            }
            try {
                reply(req, call(method, body));
            } catch (TwirpException e) {
                twirpError(req, e.status, e.code, e.getMessage());
            } catch (InvalidProtocolBufferException e) {
                twirpError(req, 400, "malformed", e.getMessage());
            }
        });
    }

    private Message call(String method, Buffer body) throws InvalidProtocolBufferException, TwirpException {
        byte[] bytes = body.getBytes();
        long now = System.currentTimeMillis() * 1_000_000;
        switch (method) {
            case "StartRoomCompositeEgress": {
                RoomCompositeEgressRequest r = RoomCompositeEgressRequest.parseFrom(bytes);
                return start(EgressInfo.newBuilder().setRoomName(r.getRoomName()).setRoomComposite(r), now);
            }
            case "StartTrackCompositeEgress": {
                TrackCompositeEgressRequest r = TrackCompositeEgressRequest.parseFrom(bytes);
                return start(EgressInfo.newBuilder().setRoomName(r.getRoomName()).setTrackComposite(r), now);
            }
            case "ListEgress": {
                ListEgressRequest r = ListEgressRequest.parseFrom(bytes);
                listEgressCalls.merge(r.getRoomName(), 1, Integer::sum);
                ListEgressResponse.Builder out = ListEgressResponse.newBuilder();
                egress.values().stream()
                        .filter(e -> r.getRoomName().isEmpty() || e.getRoomName().equals(r.getRoomName()))
                        .filter(e -> !r.getActive() || isActive(e))
                        .forEach(out::addItems);
                return out.build();
            }
            case "StopEgress": {
                StopEgressRequest r = StopEgressRequest.parseFrom(bytes);
                EgressInfo e = egress.computeIfPresent(r.getEgressId(), (id, old) -> old.toBuilder().setStatus(EgressStatus.EGRESS_COMPLETE).setEndedAt(now).build());
                if (e == null) {
                    throw new TwirpException(404, "not_found", "egress not found");
                }
                return e;
            }
            case "ListRooms":
                return ListRoomsResponse.newBuilder().addAllRooms(rooms.values()).build();
            default:
                throw new TwirpException(404, "bad_route", "unknown method " + method);
        }
    }

    private EgressInfo start(EgressInfo.Builder b, long now) throws TwirpException {
        long slow = slowNextStartMs.getAndSet(0);
        if (slow > 0) {
            try {
                Thread.sleep(slow);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (failNextStarts.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new TwirpException(500, "internal", "no egress instance available");
        }
        if (!rooms.containsKey(b.getRoomName())) {
            throw new TwirpException(404, "not_found", "room not found");
        }
        EgressInfo info = b.setEgressId("EG_" + ids.incrementAndGet()).setStatus(EgressStatus.EGRESS_ACTIVE).setStartedAt(now).build();
        egress.put(info.getEgressId(), info);
        started.add(info);
        return info;
    }

    /** The SDK's bearer JWT: HS256 with our secret, our key as issuer, unexpired, with the needed video grant. */
    private static String authorize(String header, String grant) {
        if (header == null || !header.startsWith("Bearer ")) {
            return "no bearer token";
        }
        try {
            DecodedJWT jwt = JWT.require(Algorithm.HMAC256(SECRET)).withIssuer(KEY).build().verify(header.substring(7));
            Map<String, Object> video = jwt.getClaim("video").asMap();
            if (video == null || !Boolean.TRUE.equals(video.get(grant))) {
                return "missing video grant " + grant;
            }
            return null;
        } catch (JWTVerificationException e) {
            return e.getMessage();
        }
    }

    private static void reply(HttpServerRequest req, Message m) {
        req.response().putHeader("Content-Type", "application/protobuf").end(Buffer.buffer(m.toByteArray()));
    }

    private static void twirpError(HttpServerRequest req, int status, String code, String msg) {
        req.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(new io.vertx.core.json.JsonObject().put("code", code).put("msg", msg).encode());
    }

    private static final class TwirpException extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;
        final String code;

        TwirpException(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }

    @Override
    public void close() {
        vertx.close();
    }
}
