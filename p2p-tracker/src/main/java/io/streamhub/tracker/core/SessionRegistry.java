package io.streamhub.tracker.core;

import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

/** Open sessions by connection id: for the sweeper, the kill switch and the connection limit. */
@Singleton
public class SessionRegistry {

    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();

    public void add(Session session) {
        sessions.put(session.id(), session);
    }

    public Session get(String id) {
        return sessions.get(id);
    }

    public Session remove(String id) {
        return sessions.remove(id);
    }

    public Collection<Session> all() {
        return sessions.values();
    }

    public int size() {
        return sessions.size();
    }
}
