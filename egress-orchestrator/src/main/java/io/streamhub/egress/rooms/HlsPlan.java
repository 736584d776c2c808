package io.streamhub.egress.rooms;

import java.util.List;

/** What an app wants of a room's HLS egress, from its effective config (design §5). */
public record HlsPlan(int segmentSeconds, List<String> renditions, boolean trackComposite) {

    /** The folder of a rendition under the room: the room itself when there is only one. */
    public String folder(String rendition) {
        return renditions.size() == 1 ? "" : rendition + "/";
    }
}
