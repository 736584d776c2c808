package io.streamhub.egress.livekit;

import io.livekit.server.EgressServiceClient;
import io.livekit.server.EncodedOutputs;
import io.livekit.server.RoomServiceClient;
import io.streamhub.egress.driver.EgressApi;
import io.streamhub.egress.driver.EgressApiException;
import io.streamhub.egress.driver.EgressSnapshot;
import io.streamhub.egress.driver.HlsEgressRequest;
import io.streamhub.egress.driver.MediaNode;
import io.streamhub.egress.driver.RoomSnapshot;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import livekit.LivekitEgress.EgressInfo;
import livekit.LivekitEgress.EgressStatus;
import livekit.LivekitEgress.S3Upload;
import livekit.LivekitEgress.SegmentedFileOutput;
import livekit.LivekitEgress.SegmentedFileProtocol;
import livekit.LivekitModels.Room;
import okhttp3.OkHttpClient;
import retrofit2.Call;
import retrofit2.Response;

/** {@link EgressApi} through LiveKit's server SDK (Twirp over HTTP, protobuf bodies, JWT per call). */
public class LiveKitEgressApi implements EgressApi {

    private record Clients(EgressServiceClient egress, RoomServiceClient rooms) {
    }

    private final OkHttpClient http;
    private final Map<MediaNode, Clients> clients = new ConcurrentHashMap<>();

    public LiveKitEgressApi(Duration timeout) {
        this.http = new OkHttpClient.Builder().callTimeout(timeout).build();
    }

    @Override
    public String startHls(MediaNode node, HlsEgressRequest r) throws EgressApiException {
        SegmentedFileOutput.Builder output = SegmentedFileOutput.newBuilder()
                .setProtocol(SegmentedFileProtocol.HLS_PROTOCOL)
                .setFilenamePrefix(r.filenamePrefix())
                .setPlaylistName(r.playlistName())
                .setLivePlaylistName(r.livePlaylistName())
                .setSegmentDuration(r.segmentSeconds());
        // Pushed: the same names become keys in the bucket, and nothing is written to the node's disk.
        r.upload().ifPresent(u -> output.setS3(S3Upload.newBuilder().setBucket(u.bucket()).setRegion(u.region())
                .setEndpoint(u.endpoint().orElse("")).setForcePathStyle(u.forcePathStyle())
                .setAccessKey(u.accessKey()).setSecret(u.secretKey())));
        // EncodedOutputs fills the current segment_outputs field (the single-output overloads use the deprecated one).
        EncodedOutputs outputs = new EncodedOutputs(null, null, output.build(), null);
        EgressServiceClient egress = clients(node).egress();
        boolean audioOnly = Renditions.audioOnly(r.rendition());
        Call<EgressInfo> call = r.trackComposite()
                ? egress.startTrackCompositeEgress(r.roomName(), outputs, r.audioTrackId().orElse(""),
                        audioOnly ? "" : r.videoTrackId().orElse(""),
                        Renditions.preset(r.rendition()), Renditions.options(r.rendition(), r.segmentSeconds()))
                : egress.startRoomCompositeEgress(r.roomName(), outputs, "speaker",
                        Renditions.preset(r.rendition()), Renditions.options(r.rendition(), r.segmentSeconds()), audioOnly, false, "");
        return execute(node, "start egress", call).getEgressId();
    }

    @Override
    public List<EgressSnapshot> listActive(MediaNode node, String roomName) throws EgressApiException {
        List<EgressInfo> list = execute(node, "list egress", clients(node).egress().listEgress(roomName, null, true));
        return list.stream()
                .filter(e -> e.getStatus() == EgressStatus.EGRESS_STARTING || e.getStatus() == EgressStatus.EGRESS_ACTIVE)
                .map(e -> new EgressSnapshot(e.getRoomName(), e.getEgressId(), e.getStatus() == EgressStatus.EGRESS_ACTIVE,
                        prefixOf(e), e.getStartedAt() / 1_000_000))
                .toList();
    }

    @Override
    public void stop(MediaNode node, String egressId) throws EgressApiException {
        execute(node, "stop egress", clients(node).egress().stopEgress(egressId));
    }

    @Override
    public List<RoomSnapshot> listRooms(MediaNode node) throws EgressApiException {
        List<Room> rooms = execute(node, "list rooms", clients(node).rooms().listRooms());
        return rooms.stream().map(room -> new RoomSnapshot(room.getName(), room.getNumPublishers())).toList();
    }

    /** The segment prefix an egress was started with (room- or track-composite). */
    static String prefixOf(EgressInfo e) {
        List<SegmentedFileOutput> outs = e.hasRoomComposite() ? e.getRoomComposite().getSegmentOutputsList()
                : e.hasTrackComposite() ? e.getTrackComposite().getSegmentOutputsList() : List.of();
        return outs.isEmpty() ? "" : outs.get(0).getFilenamePrefix();
    }

    private Clients clients(MediaNode node) {
        return clients.computeIfAbsent(node, n -> new Clients(
                EgressServiceClient.Companion.createClient(n.url(), n.apiKey(), n.apiSecret(), () -> http),
                RoomServiceClient.createClient(n.url(), n.apiKey(), n.apiSecret(), () -> http)));
    }

    private static <T> T execute(MediaNode node, String what, Call<T> call) throws EgressApiException {
        try {
            Response<T> response = call.execute();
            if (!response.isSuccessful()) {
                String body = response.errorBody() != null ? response.errorBody().string() : "";
                throw new EgressApiException(what + " on " + node.id() + ": HTTP " + response.code() + " " + body);
            }
            return response.body();
        } catch (IOException | RuntimeException e) {
            throw new EgressApiException(what + " on " + node.id() + ": " + e.getMessage(), e);
        }
    }
}
