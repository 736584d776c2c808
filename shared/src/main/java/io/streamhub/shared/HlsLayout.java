package io.streamhub.shared;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How an egress's HLS lies on a media node's disk, agreed by the egress (which writes it), the
 * origin router (which serves and claims it) and the renumbering (which reads segment names):
 * <pre>
 *   &lt;dataDir&gt;/apps/&lt;app&gt;/hls/&lt;room&gt;/[&lt;rendition&gt;/]{live.m3u8, full.m3u8, g&lt;n&gt;-seg&lt;k&gt;.ts}
 * </pre>
 * The rendition folder exists only when the app's ladder has more than one rendition. The
 * generation {@code g<n>} counts the egress starts of a room, so a restarted egress never reuses a
 * segment name a CDN may have cached.
 */
public final class HlsLayout {

    /** The egress's sliding-window playlist (LiveKit's {@code live_playlist_name}). */
    public static final String LIVE_PLAYLIST = "live.m3u8";
    /** The egress's whole-session playlist (LiveKit's {@code playlist_name}). */
    public static final String FULL_PLAYLIST = "full.m3u8";
    /** What viewers ask for: the live playlist cut to the app's {@code list_size}, or a multivariant one. */
    public static final String PUBLIC_PLAYLIST = "index.m3u8";

    private static final String APPS = "apps";
    private static final String HLS = "hls";
    private static final Pattern GENERATION = Pattern.compile("(?:^|/)g(\\d{1,9})-[^/]*$");

    private HlsLayout() {
    }

    /** {@code apps/<app>/hls/<room>/}: the room's folder relative to the data dir, as egress requests name it. */
    public static String roomFolder(RoomId room) {
        return APPS + '/' + room.app() + '/' + HLS + '/' + room.room() + '/';
    }

    /** {@code <appsRoot>/<app>/hls/<room>}; {@code appsRoot} is {@link #appsRoot}. Names must be valid. */
    public static Path roomDir(Path appsRoot, String app, String room) {
        return hlsDir(appsRoot, app).resolve(room);
    }

    /** {@code <dataDir>/apps}: below it, one folder per app. */
    public static Path appsRoot(Path dataDir) {
        return dataDir.resolve(APPS);
    }

    /** {@code <appsRoot>/<app>/hls}: below it, one folder per room. */
    public static Path hlsDir(Path appsRoot, String app) {
        return appsRoot.resolve(app).resolve(HLS);
    }

    /** The rendition's folder inside the room's ({@code <rendition>/}), or {@code ""} for a one-rendition ladder. */
    public static String renditionFolder(List<String> ladder, String rendition) {
        return ladder.size() == 1 ? "" : rendition + '/';
    }

    /** The segment file prefix of an egress generation: {@code g<n>-seg}. */
    public static String segmentPrefix(int generation) {
        return "g" + generation + "-seg";
    }

    /** The generation a segment URI was written by, or empty when its name carries none (another egress, a hand-made room). */
    public static OptionalInt generationOf(String segmentUri) {
        Matcher m = GENERATION.matcher(segmentUri);
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }
}
