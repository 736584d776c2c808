package io.streamhub.viewing.play;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Which tracker pod holds each swarm: a room's shards spread evenly, the map is stable while the pod
 * count is, pods are named by {@code /t/<i>} or by their own URLs, and a bad setting is refused.
 */
class TrackerUrlsTest {

    /** Sample rooms: 2,000 names over 20 apps, the shape of real installations' room names. */
    static List<String[]> sampleRooms() {
        List<String[]> rooms = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            rooms.add(new String[] {"app" + (i % 20), "room-" + i});
        }
        rooms.add(new String[] {"mass", "final"});
        rooms.add(new String[] {"festival", "main-stage"});
        return rooms;
    }

    @Test
    void noPodHoldsMoreThanItsShareOfARoomsShards() {
        for (String[] room : sampleRooms()) {
            for (int shards = 1; shards <= 20; shards++) {
                for (int pods = 1; pods <= 12; pods++) {
                    int[] held = new int[pods];
                    for (int k = 0; k < shards; k++) {
                        held[TrackerUrls.podOf(room[0], room[1], k, pods)]++;
                    }
                    int bound = (shards + pods - 1) / pods;
                    for (int p = 0; p < pods; p++) {
                        int pod = p;
                        int k = shards;
                        assertTrue(held[p] <= bound, () -> room[0] + "/" + room[1] + ": pod " + pod + " of " + held.length + " holds "
                                + held[pod] + " of " + k + " shards, more than ⌈K/P⌉ = " + bound);
                    }
                }
            }
        }
    }

    @Test
    void theMapIsStableWhileThePodCountIs() {
        // Pinned: these are the URLs players already hold; a change of rule would make every one of them reload.
        assertEquals(List.of(0, 1, 2, 3, 0, 1, 2, 3, 0, 1), pods("mass", "final", 10, 4));
        assertEquals(List.of(2, 0, 1, 2, 0), pods("mass", "final", 5, 3));
        assertEquals(List.of(1), pods("lan", "party", 1, 4));
        assertEquals(List.of(0, 0, 0), pods("mass", "final", 3, 1));
        for (String[] room : sampleRooms().subList(0, 200)) {
            assertEquals(pods(room[0], room[1], 10, 7), pods(room[0], room[1], 10, 7));
            // An unsharded room keeps the pod of the earlier rule, CRC32 of its swarm path modulo pods.
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update((room[0] + '/' + room[1]).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertEquals((int) (crc.getValue() % 7), TrackerUrls.podOf(room[0], room[1], 0, 7));
        }
    }

    static List<Integer> pods(String app, String room, int shards, int pods) {
        List<Integer> out = new ArrayList<>();
        for (int k = 0; k < shards; k++) {
            out.add(TrackerUrls.podOf(app, room, k, pods));
        }
        return out;
    }

    /**
     * What changing the pod count costs: the share of (room, shard) swarms, and so of viewers, whose
     * pod changes from P to P + 1 pods (docs/install.md quotes these figures). About P/(P+1): a new pod
     * count remaps nearly every swarm, so each of those viewers reloads its player once.
     */
    @Test
    void howManyViewersMoveWhenThePodCountChanges() {
        List<String[]> rooms = sampleRooms();
        StringBuilder table = new StringBuilder("P -> P+1: share of (room, shard) pairs that move, 10 shards | unsharded\n");
        for (int pods = 1; pods <= 12; pods++) {
            double sharded = movedShare(rooms, 10, pods);
            double unsharded = movedShare(rooms, 1, pods);
            table.append(String.format("%2d -> %2d: %.3f | %.3f%n", pods, pods + 1, sharded, unsharded));
            double expected = pods / (pods + 1.0);
            assertTrue(Math.abs(sharded - expected) < 0.03, table::toString);
            assertTrue(Math.abs(unsharded - expected) < 0.03, table::toString);
        }
        System.out.print(table);
    }

    static double movedShare(List<String[]> rooms, int shards, int pods) {
        long moved = 0;
        for (String[] room : rooms) {
            for (int k = 0; k < shards; k++) {
                if (TrackerUrls.podOf(room[0], room[1], k, pods) != TrackerUrls.podOf(room[0], room[1], k, pods + 1)) {
                    moved++;
                }
            }
        }
        return moved / (double) (rooms.size() * shards);
    }

    @Test
    void podsNamedByRouteOrByTheirOwnUrls() {
        TrackerUrls.Pods routed = TrackerUrls.Pods.parse(4, Optional.empty());
        assertEquals("wss://tracker.example.com/t/1/announce/lan/party",
                TrackerUrls.announce("wss://tracker.example.com/announce/", "lan", "party", OptionalInt.empty(), routed));
        TrackerUrls.Pods listed = TrackerUrls.Pods.parse(0, Optional.of(List.of(" ws://127.0.0.1:8184/announce", "ws://127.0.0.1:8185/announce/",
                "wss://tracker-2.example.com:8443/announce", "ws://[::1]:8187/announce")));
        assertEquals(4, listed.count());
        // lan/party: CRC32 mod 4 = 1, so shards 0..4 on pods 1, 2, 3, 0, 1; the default tracker URL is not used.
        List<String> urls = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            urls.add(TrackerUrls.announce("wss://unused.example.com/announce", "lan", "party", OptionalInt.of(k), listed));
        }
        assertEquals(List.of("ws://127.0.0.1:8185/announce/lan/party/0", "wss://tracker-2.example.com:8443/announce/lan/party/1",
                "ws://[::1]:8187/announce/lan/party/2", "ws://127.0.0.1:8184/announce/lan/party/3", "ws://127.0.0.1:8185/announce/lan/party/4"), urls);
        assertEquals("ws://127.0.0.1:8185/announce/lan/party",
                TrackerUrls.announce("wss://unused.example.com/announce", "lan", "party", OptionalInt.empty(), listed));
        // Neither: the base as it is.
        TrackerUrls.Pods none = TrackerUrls.Pods.parse(0, Optional.of(List.of()));
        assertEquals(TrackerUrls.Pods.NONE, none);
        assertEquals("ws://127.0.0.1:8084/announce/lan/party/3",
                TrackerUrls.announce("ws://127.0.0.1:8084/announce", "lan", "party", OptionalInt.of(3), none));
    }

    @Test
    void aBadPodSettingIsRefusedWithAClearMessage() {
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> TrackerUrls.Pods.parse(2, Optional.of(List.of("ws://127.0.0.1:8184/announce"))));
        assertTrue(both.getMessage().contains("tracker-pod-urls") && both.getMessage().contains("tracker-pods")
                && both.getMessage().contains("set one"), both.getMessage());
        for (String bad : new String[] {"http://127.0.0.1:8184/announce", "127.0.0.1:8184/announce", "ws:///announce",
                "wss://tracker.example.com/announce?x=1", "ws://bad host/announce"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TrackerUrls.Pods.parse(0, Optional.of(List.of("ws://127.0.0.1:8184/announce", bad))), bad);
            assertTrue(e.getMessage().startsWith("streamhub.config.tracker-pod-urls: entry 1 \"" + bad + "\""), e.getMessage());
        }
    }
}
