package io.streamhub.egress.driver;

import java.util.List;

/**
 * The few LiveKit calls the orchestrator makes, per media node. The one seam between the
 * orchestration logic and a transport: the LiveKit SDK ({@link LiveKitEgressApi}) or the simulated
 * egress. Calls block (they run on worker threads) and throw {@link EgressApiException}.
 */
public interface EgressApi {

    /** Starts one HLS egress; returns its id. */
    String startHls(MediaNode node, HlsEgressRequest request) throws EgressApiException;

    /** Egress of the room that are starting or running; every room's on the node when {@code roomName} is null. */
    List<EgressSnapshot> listActive(MediaNode node, String roomName) throws EgressApiException;

    void stop(MediaNode node, String egressId) throws EgressApiException;

    /** Rooms open on the node. */
    List<RoomSnapshot> listRooms(MediaNode node) throws EgressApiException;
}
