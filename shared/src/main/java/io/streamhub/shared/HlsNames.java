package io.streamhub.shared;

import java.util.regex.Pattern;

/**
 * Name rules of the public contract (docs/architecture.md, "Public HTTP contract"). They are deliberately narrow: with no dot, slash,
 * backslash, percent sign or NUL allowed in a name, no accepted name can leave the HLS tree.
 */
public final class HlsNames {

    /** App, room and rendition names. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    /** File names; the extension is checked separately against {@link HlsFileType}. */
    public static final Pattern FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private HlsNames() {
    }

    public static boolean isValidName(String s) {
        return s != null && NAME.matcher(s).matches();
    }

    /** Throws a message a user can act on; for APIs and config, not for the data plane. */
    public static String requireName(String what, String s) {
        if (!isValidName(s)) {
            throw new IllegalArgumentException(what + " '" + s + "' must match " + NAME.pattern());
        }
        return s;
    }
}
