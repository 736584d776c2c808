package io.streamhub.config.apps;

import java.util.ArrayList;
import java.util.List;

/** A path into an app document: keys and array indexes, printed as {@code distribution.edges[0].url}. */
record FieldPath(List<Object> steps) {

    static FieldPath of(Object... steps) {
        return new FieldPath(List.of(steps));
    }

    FieldPath child(Object step) {
        List<Object> s = new ArrayList<>(steps);
        s.add(step);
        return new FieldPath(List.copyOf(s));
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Object s : steps) {
            if (s instanceof Integer i) {
                b.append('[').append(i).append(']');
            } else {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(s);
            }
        }
        return b.toString();
    }
}
