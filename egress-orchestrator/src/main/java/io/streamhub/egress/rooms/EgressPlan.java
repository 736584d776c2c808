package io.streamhub.egress.rooms;

import io.streamhub.shared.HlsLayout;
import io.streamhub.shared.RoomId;
import io.streamhub.shared.app.EffectiveAppConfig;
import java.util.Optional;

/** What an app's egress must produce (its HLS ladder) and where: the origin's disk, or its push bucket. */
public record EgressPlan(EffectiveAppConfig.Hls hls, Optional<EffectiveAppConfig.S3Push> push) {

    public static EgressPlan of(EffectiveAppConfig c) {
        return new EgressPlan(c.hls(), c.push());
    }

    /** The room's output folder: {@code apps/<app>/hls/<room>/} under the data dir, or {@code <prefix><room>/} in the bucket. */
    public String roomFolder(RoomId room) {
        return push.map(s3 -> s3.roomPrefix(room.room())).orElseGet(() -> HlsLayout.roomFolder(room));
    }
}
