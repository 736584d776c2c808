package io.streamhub.router.ownership;

import io.streamhub.shared.RoomId;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rooms whose live playlists this node holds and that are still changing: what it serves from
 * disk in all-in-one mode and what it claims in Redis. Kept even while Redis is down.
 */
@ApplicationScoped
public class LocalRooms {

    private final Set<RoomId> active = ConcurrentHashMap.newKeySet();
    private final Set<RoomId> claimed = ConcurrentHashMap.newKeySet();

    public boolean holds(RoomId room) {
        return active.contains(room);
    }

    /** Rooms whose {@code <prefix>origin} key this node holds. */
    public Set<RoomId> claimed() {
        return Set.copyOf(claimed);
    }

    void setActive(RoomId room, boolean isActive) {
        if (isActive) {
            active.add(room);
        } else {
            active.remove(room);
        }
    }

    void retainActive(Set<RoomId> present) {
        active.retainAll(present);
    }

    void setClaimed(RoomId room, boolean isClaimed) {
        if (isClaimed) {
            claimed.add(room);
        } else {
            claimed.remove(room);
        }
    }
}
