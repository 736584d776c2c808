package io.streamhub.shared;

import java.util.Arrays;

/**
 * The file kinds the public HLS contract serves (docs/architecture.md, "Public HTTP contract"), with
 * their media types; {@link HlsCacheControl} says how long each may be cached.
 * Anything whose extension is not listed here is never served.
 */
public enum HlsFileType {
    M3U8("m3u8", "application/vnd.apple.mpegurl", true),
    TS("ts", "video/mp2t", false),
    M4S("m4s", "video/iso.segment", false),
    MP4("mp4", "video/mp4", false),
    AAC("aac", "audio/aac", false),
    VTT("vtt", "text/vtt; charset=utf-8", false);

    private final String extension;
    private final String contentType;
    private final boolean playlist;

    HlsFileType(String extension, String contentType, boolean playlist) {
        this.extension = extension;
        this.contentType = contentType;
        this.playlist = playlist;
    }

    public String contentType() {
        return contentType;
    }

    public boolean isPlaylist() {
        return playlist;
    }

    /** The type of a file name, or {@code null} when its extension is not an HLS one. */
    public static HlsFileType ofFileName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0 || dot == fileName.length() - 1) {
            return null;
        }
        String ext = fileName.substring(dot + 1);
        // Extensions are case-sensitive in the contract: ".TS" is not served.
        return Arrays.stream(values()).filter(type -> type.extension.equals(ext)).findFirst().orElse(null);
    }
}
