package io.streamhub.shared;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How an egress's HLS lies on a media node's disk, agreed by the egress (which writes it), the
 * origin router (which serves and claims it) and the renumbering (which reads segment names):
 * <pre>
 *   &lt;dataDir&gt;/apps/&lt;app&gt;/hls/&lt;room&gt;/[&lt;rendition&gt;/]{live.m3u8, rec-&lt;session&gt;-g&lt;n&gt;.m3u8, &lt;session&gt;-g&lt;n&gt;-seg&lt;k&gt;.ts}
 * </pre>
 * The rendition folder exists only when the app's ladder has more than one rendition. A
 * <em>session</em> is one live of a room, named by the time it began ({@link #session}): rooms are
 * reused, and tomorrow's live must neither overwrite today's recording nor reuse a segment name a
 * CDN cached as immutable. The generation {@code g<n>} counts the egress starts within a session,
 * so a restarted egress never reuses a name either. Each egress writes its own recording playlist
 * ({@code rec-…}); the origin joins a session's into one VOD playlist ({@link #vodPlaylist}).
 * A pushed app's bucket holds the same names under {@code <prefix><room>/}.
 */
public final class HlsLayout {

    /** The egress's sliding-window playlist (LiveKit's {@code live_playlist_name}). */
    public static final String LIVE_PLAYLIST = "live.m3u8";
    /** How a recording playlist's name begins: {@code rec-<session>-g<n>.m3u8} (LiveKit's {@code playlist_name}). */
    public static final String RECORDING_PREFIX = "rec-";
    /** How a session's VOD playlist's name begins: {@code vod-<session>.m3u8}, which the origin writes from the recordings. */
    public static final String VOD_PREFIX = "vod-";
    /** What viewers ask for: the live playlist cut to the app's {@code list_size}, or a multivariant one. */
    public static final String PUBLIC_PLAYLIST = "index.m3u8";

    private static final String APPS = "apps";
    private static final String HLS = "hls";
    /** A session id: the UTC instant the live began, to the millisecond ({@code 20261202T201503123Z}). */
    private static final String SESSION_FORMAT = "\\d{8}T\\d{9}Z";
    private static final Pattern SESSION = Pattern.compile(SESSION_FORMAT);
    private static final DateTimeFormatter SESSION_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern GENERATION = Pattern.compile("(?:^|/)(?:(" + SESSION_FORMAT + ")-)?g(\\d{1,9})-[^/]*$");
    private static final Pattern RECORDING = Pattern.compile("^rec-(" + SESSION_FORMAT + ")-g(\\d{1,9})\\.m3u8$");
    private static final Pattern VOD = Pattern.compile("^vod-(" + SESSION_FORMAT + ")\\.m3u8$");

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

    /** The id of a session that began at {@code epochMillis}. */
    public static String session(long epochMillis) {
        return SESSION_TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    /** True for a string shaped like a session id; anything else (traversal, other names) is not one. */
    public static boolean isSession(String s) {
        return s != null && SESSION.matcher(s).matches();
    }

    /** The segment file prefix of an egress generation within a session: {@code <session>-g<n>-seg}. */
    public static String segmentPrefix(String session, int generation) {
        return session + "-g" + generation + "-seg";
    }

    /** The recording playlist an egress generation writes: {@code rec-<session>-g<n>.m3u8}. */
    public static String recordingPlaylist(String session, int generation) {
        return RECORDING_PREFIX + session + "-g" + generation + ".m3u8";
    }

    /** The session's VOD playlist, as viewers ask for it: {@code vod-<session>.m3u8}. */
    public static String vodPlaylist(String session) {
        return VOD_PREFIX + session + ".m3u8";
    }

    /** True for a recording playlist's file name. */
    public static boolean isRecording(String fileName) {
        return RECORDING.matcher(fileName).matches();
    }

    /** The session and generation of a recording playlist's file name, or empty. */
    public static Optional<SessionPart> recordingOf(String fileName) {
        Matcher m = RECORDING.matcher(fileName);
        return m.matches() ? Optional.of(new SessionPart(m.group(1), Integer.parseInt(m.group(2)))) : Optional.empty();
    }

    /** The session a VOD playlist's file name asks for, or empty. */
    public static Optional<String> vodSessionOf(String fileName) {
        Matcher m = VOD.matcher(fileName);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** One egress generation of a session. */
    public record SessionPart(String session, int generation) {
    }

    /** The generation a segment URI was written by, or empty when its name carries none (another egress, a hand-made room). */
    public static OptionalInt generationOf(String segmentUri) {
        Matcher m = GENERATION.matcher(segmentUri);
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(2))) : OptionalInt.empty();
    }

    /**
     * The session a file belongs to, from its name: a segment's, a recording's or a VOD playlist's;
     * empty for names without one (the live playlists, an older egress's {@code g<n>-seg} names).
     */
    public static Optional<String> sessionOf(String uri) {
        String name = uri.substring(uri.lastIndexOf('/') + 1);
        Matcher m = GENERATION.matcher(name);
        if (m.find() && m.group(1) != null) {
            return Optional.of(m.group(1));
        }
        return recordingOf(name).map(SessionPart::session).or(() -> vodSessionOf(name));
    }
}
