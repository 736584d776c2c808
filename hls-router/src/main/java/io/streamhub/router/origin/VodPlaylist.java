package io.streamhub.router.origin;

import io.streamhub.router.playlist.Playlists;
import io.streamhub.shared.HlsLayout;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A session's VOD playlist ({@code vod-<session>.m3u8}), joined from the recording playlists its
 * egress generations wrote in one folder ({@code rec-<session>-g<n>.m3u8}, in generation order, a
 * discontinuity between them). Once the session has ended it is a {@code VOD} playlist with
 * {@code #EXT-X-ENDLIST}; while it is still being written it is an {@code EVENT} playlist that grows.
 * Ended means the last recording carries {@code #EXT-X-ENDLIST} (the egress stopped) or has not
 * changed for three target durations (the egress died). Blocking file I/O.
 */
final class VodPlaylist {

    /** What was found: the playlist, and when the session last changed (its retention counts from then). */
    record Found(String text, long lastModifiedMillis, boolean ended) {
    }

    private VodPlaylist() {
    }

    /** True when {@code dir} holds a recording of the session. */
    static boolean hasRecording(Path dir, String session) {
        try {
            return !recordings(dir, session).isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    static Optional<Found> build(Path dir, String session, long now) throws IOException {
        List<Path> parts = recordings(dir, session);
        return parts.isEmpty() ? Optional.empty() : join(parts, now);
    }

    /** The session's recording playlists in the folder, in generation order. */
    private static List<Path> recordings(Path dir, String session) throws IOException {
        List<Path> parts = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, HlsLayout.RECORDING_PREFIX + session + "-g*.m3u8")) {
            for (Path p : s) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                        && HlsLayout.recordingOf(p.getFileName().toString()).filter(r -> r.session().equals(session)).isPresent()) {
                    parts.add(p);
                }
            }
        } catch (java.nio.file.NoSuchFileException | java.nio.file.NotDirectoryException e) {
            return List.of();
        }
        parts.sort(Comparator.comparingInt(p -> HlsLayout.recordingOf(p.getFileName().toString()).orElseThrow().generation()));
        return parts;
    }

    private static Optional<Found> join(List<Path> parts, long now) throws IOException {
        StringBuilder body = new StringBuilder(4096);
        long target = 1;
        long lastModified = 0;
        String last = "";
        for (int i = 0; i < parts.size(); i++) {
            String text = Files.readString(parts.get(i));
            last = text;
            lastModified = Math.max(lastModified, Files.getLastModifiedTime(parts.get(i), LinkOption.NOFOLLOW_LINKS).toMillis());
            target = Math.max(target, Playlists.targetDurationSeconds(text));
            if (i > 0) {
                body.append("#EXT-X-DISCONTINUITY\n"); // another generation: new timestamps and encoder
            }
            for (String line : text.split("\n")) {
                String l = line.strip();
                if (l.startsWith("#EXTINF") || l.equals("#EXT-X-DISCONTINUITY") || l.startsWith("#EXT-X-PROGRAM-DATE-TIME")
                        || (!l.isEmpty() && !l.startsWith("#"))) {
                    body.append(l).append('\n');
                }
            }
        }
        boolean ended = last.contains("#EXT-X-ENDLIST") || now - lastModified > 3 * target * 1000;
        StringBuilder p = new StringBuilder(body.length() + 160)
                .append("#EXTM3U\n#EXT-X-VERSION:3\n")
                .append("#EXT-X-PLAYLIST-TYPE:").append(ended ? "VOD" : "EVENT").append('\n')
                .append("#EXT-X-TARGETDURATION:").append(target).append('\n')
                .append("#EXT-X-MEDIA-SEQUENCE:0\n")
                .append(body);
        if (ended) {
            p.append("#EXT-X-ENDLIST\n");
        }
        return Optional.of(new Found(p.toString(), lastModified, ended));
    }
}
