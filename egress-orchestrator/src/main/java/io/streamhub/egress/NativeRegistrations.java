package io.streamhub.egress;

import io.quarkus.runtime.annotations.RegisterForProxy;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a native image needs for the LiveKit SDK. Retrofit implements the SDK's service interfaces
 * with JDK dynamic proxies and reads their annotations reflectively; its protobuf converter finds
 * each message's parser reflectively. {@code NativeRegistrationsTest} fails if a service method's
 * request or response type is missing here.
 */
@RegisterForProxy(targets = {io.livekit.server.EgressService.class, io.livekit.server.RoomService.class})
@RegisterForReflection(targets = {
        io.livekit.server.EgressService.class,
        io.livekit.server.RoomService.class,
        livekit.LivekitEgress.RoomCompositeEgressRequest.class,
        livekit.LivekitEgress.TrackCompositeEgressRequest.class,
        livekit.LivekitEgress.ParticipantEgressRequest.class,
        livekit.LivekitEgress.TrackEgressRequest.class,
        livekit.LivekitEgress.WebEgressRequest.class,
        livekit.LivekitEgress.UpdateLayoutRequest.class,
        livekit.LivekitEgress.UpdateStreamRequest.class,
        livekit.LivekitEgress.ListEgressRequest.class,
        livekit.LivekitEgress.ListEgressResponse.class,
        livekit.LivekitEgress.StopEgressRequest.class,
        livekit.LivekitEgress.EgressInfo.class,
        livekit.LivekitRoom.CreateRoomRequest.class,
        livekit.LivekitRoom.ListRoomsRequest.class,
        livekit.LivekitRoom.ListRoomsResponse.class,
        livekit.LivekitRoom.DeleteRoomRequest.class,
        livekit.LivekitRoom.DeleteRoomResponse.class,
        livekit.LivekitRoom.ListParticipantsRequest.class,
        livekit.LivekitRoom.ListParticipantsResponse.class,
        livekit.LivekitRoom.RoomParticipantIdentity.class,
        livekit.LivekitRoom.RemoveParticipantResponse.class,
        livekit.LivekitRoom.MuteRoomTrackRequest.class,
        livekit.LivekitRoom.MuteRoomTrackResponse.class,
        livekit.LivekitRoom.UpdateParticipantRequest.class,
        livekit.LivekitRoom.UpdateSubscriptionsRequest.class,
        livekit.LivekitRoom.UpdateSubscriptionsResponse.class,
        livekit.LivekitRoom.SendDataRequest.class,
        livekit.LivekitRoom.SendDataResponse.class,
        livekit.LivekitRoom.UpdateRoomMetadataRequest.class,
        livekit.LivekitRoom.ForwardParticipantRequest.class,
        livekit.LivekitRoom.ForwardParticipantResponse.class,
        livekit.LivekitRoom.MoveParticipantRequest.class,
        livekit.LivekitRoom.MoveParticipantResponse.class,
        livekit.LivekitModels.Room.class,
        livekit.LivekitModels.ParticipantInfo.class,
        livekit.LivekitWebhook.WebhookEvent.class,
}, methods = true, fields = true)
public final class NativeRegistrations {

    private NativeRegistrations() {
    }
}
