package io.streamhub.shared;

/**
 * A parsed public HLS path: {@code /hls/<app>/<room>/[<rendition>/]<file>}.
 *
 * @param rendition the optional rendition sub-folder, or {@code null}
 */
public record HlsPath(String app, String room, String rendition, String file, HlsFileType type) {

    public static final String PREFIX = "/hls/";

    /**
     * Parses the raw (still percent-encoded) request path. Returns {@code null} for anything that is
     * not exactly a valid HLS path; since valid names contain no '%', an encoded slash, dot or NUL
     * can never decode into something that passes.
     */
    public static HlsPath parse(String rawPath) {
        if (rawPath == null || !rawPath.startsWith(PREFIX) || rawPath.length() > 400) {
            return null;
        }
        String[] parts = rawPath.substring(PREFIX.length()).split("/", -1);
        if (parts.length != 3 && parts.length != 4) {
            return null;
        }
        String app = parts[0];
        String room = parts[1];
        String rendition = parts.length == 4 ? parts[2] : null;
        String file = parts[parts.length - 1];
        if (!HlsNames.isValidName(app) || !HlsNames.isValidName(room)
                || (rendition != null && !HlsNames.isValidName(rendition))
                || !HlsNames.FILE.matcher(file).matches()) {
            return null;
        }
        HlsFileType type = HlsFileType.ofFileName(file);
        return type == null ? null : new HlsPath(app, room, rendition, file, type);
    }

    /** {@code <app>/<room>/[<rendition>/]<file>}, relative to the HLS root. */
    public String relative() {
        return app + '/' + room + '/' + (rendition == null ? "" : rendition + '/') + file;
    }

    /** The public path again, as the router and its upstreams serve it. */
    public String publicPath() {
        return PREFIX + relative();
    }

    public RoomId roomId() {
        return new RoomId(app, room);
    }
}
