package io.streamhub.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.SortedSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One field of a room's sessions hash ({@link RedisKeys#sessions}): node {@code nodeId} holds generation
 * {@code generation} of recorded session {@code session}. Each origin writes one per generation it holds
 * ({@code <session>-g<n>} → {@code <node>}: where a segment or recording lies) and, for the session
 * itself, {@code <session>} → {@code <newest generation>:<node>} ({@code newest}: whose disk the VOD
 * playlist comes from — an egress that moved mid-live leaves generations on two nodes).
 */
public record SessionAdvertisement(String session, int generation, String nodeId, boolean newest) {

    private static final Pattern GENERATION_FIELD = Pattern.compile("^(.+)-g(\\d{1,9})$");
    private static final Pattern NEWEST_VALUE = Pattern.compile("^(\\d{1,9}):");

    /** What one origin advertises of a session: the session's own field first (the writer compares it), then each generation's. */
    public static List<SessionAdvertisement> of(String session, SortedSet<Integer> generations, String nodeId) {
        List<SessionAdvertisement> out = new ArrayList<>();
        out.add(new SessionAdvertisement(session, generations.last(), nodeId, true));
        generations.forEach(g -> out.add(new SessionAdvertisement(session, g, nodeId, false)));
        return out;
    }

    /** The hash field of a session's own entry ({@code generation} empty) or of one of its generations. */
    public static String field(String session, OptionalInt generation) {
        return generation.isEmpty() ? session : session + "-g" + generation.getAsInt();
    }

    public String field() {
        return field(session, newest ? OptionalInt.empty() : OptionalInt.of(generation));
    }

    public String value() {
        return newest ? generation + ":" + nodeId : nodeId;
    }

    /**
     * The advertisement a field holds, or {@code null} when field or value is not one (a hash field is never
     * trusted to be a name). A session's value without a generation (as written before generations) names
     * its node with generation -1, older than any: the writer's script treats it the same way.
     */
    public static SessionAdvertisement of(String field, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (HlsLayout.isSession(field)) {
            Matcher v = NEWEST_VALUE.matcher(value);
            String node = value.substring(value.indexOf(':') + 1);
            return node.isEmpty() ? null : new SessionAdvertisement(field, v.lookingAt() ? Integer.parseInt(v.group(1)) : -1, node, true);
        }
        Matcher f = field == null ? null : GENERATION_FIELD.matcher(field);
        return f != null && f.matches() && HlsLayout.isSession(f.group(1))
                ? new SessionAdvertisement(f.group(1), Integer.parseInt(f.group(2)), value, false) : null;
    }
}
