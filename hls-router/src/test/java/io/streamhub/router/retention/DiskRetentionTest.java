package io.streamhub.router.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamhub.router.support.Playlist;
import io.streamhub.router.support.RoomFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention on a real folder while an egress-like writer keeps adding segments and rewriting its playlist. */
class DiskRetentionTest {

    @TempDir
    Path data;

    @Test
    void segmentsLeaveTheDiskOnlyAfterEveryServedPlaylistDroppedThemAndTheGraceRanOut() throws Exception {
        RoomFiles room = new RoomFiles(data, "live", "stage");
        AtomicLong next = new AtomicLong();
        // One 1-s segment every 100 ms (ten times real speed), a live window of 3: a window is 3 s of media.
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
        writer.scheduleAtFixedRate(() -> {
            long seq = next.getAndIncrement();
            room.write("seg" + seq + ".ts", new byte[4096]);
            long first = Math.max(0, seq - 2);
            room.write("live.m3u8", Playlist.live(1, first, (int) (seq - first + 1)));
        }, 0, 100, TimeUnit.MILLISECONDS);
        DiskRetention retention = new DiskRetention(data.resolve("apps"), "live.m3u8", false, Duration.ofMillis(500),
                Duration.ofHours(1), System::currentTimeMillis, app -> 0);
        long deleted = 0;
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(room.dir().resolve("live.m3u8")));
            long[] deletedSoFar = {0};
            // Sweep every 200 ms for 12 s while the writer runs; the checks must hold after every sweep.
            org.awaitility.Awaitility.await().pollInterval(Duration.ofMillis(200)).during(Duration.ofSeconds(12))
                    .atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                        deletedSoFar[0] += retention.sweep().deletedFiles();
                        // Nothing the live playlist names is ever missing, and nothing younger than two windows (6 s) went.
                        String live = Files.readString(room.dir().resolve("live.m3u8"));
                        for (String uri : Playlist.segmentUris(live)) {
                            assertTrue(Files.exists(room.dir().resolve(uri)), uri + " is listed but was deleted");
                        }
                        long newest = next.get() - 1;
                        for (long s = Math.max(0, newest - 55); s < newest; s++) {
                            assertTrue(Files.exists(room.dir().resolve("seg" + s + ".ts")), "seg" + s + " was younger than the grace");
                        }
                    });
            deleted = deletedSoFar[0];
        } finally {
            writer.shutdownNow();
            writer.awaitTermination(5, TimeUnit.SECONDS);
        }
        assertTrue(deleted > 20, "old segments were deleted: " + deleted);
        assertFalse(Files.exists(room.dir().resolve("seg0.ts")));
        assertTrue(Files.exists(room.dir().resolve("live.m3u8")));
    }

    @Test
    void anAppsVodRetentionKeepsItsRecordingsAndItsRoomsWhateverKeepRecordingSays() throws Exception {
        String rec = io.streamhub.shared.HlsLayout.recordingPlaylist("20261202T201503123Z", 1);
        RoomFiles room = new RoomFiles(data, "talks", "keynote");
        for (int s = 0; s < 10; s++) {
            room.write("seg" + s + ".ts", new byte[100]);
        }
        room.write("live.m3u8", Playlist.live(2, 8, 2));
        room.write(rec, Playlist.live(2, 0, 10) + "#EXT-X-ENDLIST\n");
        long ended = System.currentTimeMillis();
        for (String f : new String[] {"live.m3u8", rec}) {
            Files.setLastModifiedTime(room.dir().resolve(f), FileTime.fromMillis(ended));
        }
        long day = Duration.ofDays(1).toMillis();
        // Two days after the live, with recordings not kept and rooms deleted after one hour: a 7-day VOD keeps it all.
        DiskRetention.Result kept = new DiskRetention(data.resolve("apps"), "live.m3u8", false, Duration.ofMinutes(2), Duration.ofHours(1),
                () -> ended + 2 * day, app -> app.equals("talks") ? 7 * day : 0).sweep();
        assertEquals(0, kept.deletedFiles(), "within the VOD retention nothing of the session goes");
        // Not known (Redis down since the router started): kept too, for a later sweep to decide.
        assertEquals(0, new DiskRetention(data.resolve("apps"), "live.m3u8", false, Duration.ofMinutes(2), Duration.ofDays(30),
                () -> ended + 2 * day, app -> -1).sweep().deletedFiles());
        // Past it, the room has been unchanged longer than both retentions: deleted whole.
        DiskRetention.Result gone = new DiskRetention(data.resolve("apps"), "live.m3u8", false, Duration.ofMinutes(2), Duration.ofHours(1),
                () -> ended + 8 * day, app -> 7 * day).sweep();
        assertEquals(1, gone.deletedRooms());
        assertFalse(Files.exists(room.dir()));
    }

    @Test
    void anUnknownRetentionKeepsAnEndedRoomWhileARemovedAppsRoomGoesAfterEndedRoom() throws Exception {
        String rec = io.streamhub.shared.HlsLayout.recordingPlaylist("20261202T201503123Z", 1);
        long ended = System.currentTimeMillis();
        for (String app : new String[] {"unread", "removed"}) {
            RoomFiles room = new RoomFiles(data, app, "keynote");
            for (int s = 0; s < 10; s++) {
                room.write("seg" + s + ".ts", new byte[100]);
            }
            room.write("live.m3u8", Playlist.live(2, 8, 2));
            room.write(rec, Playlist.live(2, 0, 10) + "#EXT-X-ENDLIST\n");
            for (String f : new String[] {"live.m3u8", rec}) {
                Files.setLastModifiedTime(room.dir().resolve(f), FileTime.fromMillis(ended));
            }
        }
        long day = Duration.ofDays(1).toMillis();
        // Two days after the live, rooms deleted after one hour. "unread": its config cannot be read (it may keep
        // 7 days of VOD), so nothing of it goes; "removed": the app index no longer lists it, so no VOD: it goes.
        DiskRetention.Result r = new DiskRetention(data.resolve("apps"), "live.m3u8", false, Duration.ofMinutes(2), Duration.ofHours(1),
                () -> ended + 2 * day, app -> app.equals("unread") ? -1 : 0).sweep();
        assertEquals(1, r.deletedRooms(), "only the removed app's room");
        assertTrue(Files.exists(data.resolve("apps/unread/hls/keynote/seg0.ts")), "an unknown retention keeps what the recording lists");
        assertFalse(Files.exists(data.resolve("apps/removed/hls/keynote")));
    }

    @Test
    void theRecordingProtectsItsSegmentsOnlyWhenRecordingsAreKept() throws Exception {
        String rec = io.streamhub.shared.HlsLayout.recordingPlaylist("20261202T201503123Z", 1);
        RoomFiles room = new RoomFiles(data, "vod", "talk");
        for (int s = 0; s < 10; s++) {
            room.write("seg" + s + ".ts", new byte[100]);
        }
        room.write("live.m3u8", Playlist.live(2, 8, 2));
        room.write(rec, Playlist.live(2, 0, 10));
        long later = System.currentTimeMillis() + Duration.ofMinutes(10).toMillis();
        // The playlists are rewritten "now" on that clock; the segments are ten minutes old.
        Files.setLastModifiedTime(room.dir().resolve("live.m3u8"), FileTime.fromMillis(later));
        Files.setLastModifiedTime(room.dir().resolve(rec), FileTime.fromMillis(later));

        new DiskRetention(data.resolve("apps"), "live.m3u8", true, Duration.ofMinutes(2), Duration.ofHours(1), () -> later, app -> 0).sweep();
        for (int s = 0; s < 10; s++) {
            assertTrue(Files.exists(room.dir().resolve("seg" + s + ".ts")), "kept for the recording: seg" + s);
        }
        DiskRetention.Result r = new DiskRetention(data.resolve("apps"), "live.m3u8", false, Duration.ofMinutes(2), Duration.ofHours(1),
                () -> later, app -> 0).sweep();
        assertEquals(8, r.deletedFiles(), "only the live window stays");
        assertTrue(Files.exists(room.dir().resolve("seg9.ts")) && Files.exists(room.dir().resolve(rec)));
    }

    @Test
    void anEndedRoomGoesWholeAndLinksAreNeverFollowed() throws Exception {
        RoomFiles ended = new RoomFiles(data, "live", "yesterday");
        ended.write("seg1.ts", new byte[10]).write("720p/seg1.ts", new byte[10]).write("live.m3u8", Playlist.live(2, 1, 1));
        Path outside = Files.createDirectory(data.resolve("outside"));
        Files.writeString(outside.resolve("precious.txt"), "keep");
        Files.createSymbolicLink(ended.dir().resolve("escape"), outside);
        RoomFiles current = new RoomFiles(data, "live", "today");
        current.write("seg1.ts", new byte[10]).write("live.m3u8", Playlist.live(2, 1, 1));
        long now = System.currentTimeMillis();
        for (Path p : List.of(ended.dir().resolve("live.m3u8"), ended.dir().resolve("seg1.ts"), ended.dir().resolve("720p/seg1.ts"))) {
            Files.setLastModifiedTime(p, FileTime.fromMillis(now - Duration.ofHours(25).toMillis()));
        }
        DiskRetention.Result r = new DiskRetention(data.resolve("apps"), "live.m3u8", false, Duration.ofMinutes(2), Duration.ofHours(24),
                () -> now, app -> 0).sweep();
        assertEquals(1, r.deletedRooms());
        assertFalse(Files.exists(ended.dir()));
        assertTrue(Files.exists(outside.resolve("precious.txt")), "a link out of the tree was not followed");
        assertTrue(Files.exists(current.dir().resolve("seg1.ts")));
    }
}
