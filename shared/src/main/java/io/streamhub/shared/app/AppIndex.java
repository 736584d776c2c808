package io.streamhub.shared.app;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which apps exist, as config-service last published them ({@code <prefix>apps}): written with the
 * configs in one transaction and rewritten on every poll, so it is level-triggered state like the
 * configs themselves. It lets a reader tell an app that was removed (not in the index) from a config
 * key that is merely missing (Redis lost data): only the first means "no config".
 * Wire format: {@code {"revision":"<rev>","apps":["a","b"]}}.
 */
public record AppIndex(String revision, Set<String> apps) {

    public AppIndex {
        apps = Set.copyOf(apps);
    }

    public boolean lists(String app) {
        return apps.contains(app);
    }

    public String toJson() {
        return new JsonObject().put("revision", revision).put("apps", new JsonArray(new TreeSet<>(apps).stream().map(Object.class::cast).toList())).encode();
    }

    /** The index from its JSON; {@code null} when absent or unreadable (then nothing counts as removed). */
    public static AppIndex read(String json) {
        if (json == null) {
            return null;
        }
        try {
            JsonObject n = new JsonObject(json);
            if (!(n.getValue("apps") instanceof JsonArray apps) || !(n.getValue("revision") instanceof String revision)) {
                return null;
            }
            Set<String> names = new TreeSet<>();
            for (Object a : apps) {
                if (!(a instanceof String name)) {
                    return null;
                }
                names.add(name);
            }
            return new AppIndex(revision, names);
        } catch (DecodeException e) {
            return null;
        }
    }
}
