package io.streamhub.config.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Where the app files come from. */
public interface AppSource {

    /** A folder of app files as of one revision. */
    record Snapshot(Path folder, String revision) {
    }

    /** Brings the source up to date (a pull, for Git) and says which revision the folder now holds. */
    Snapshot fetch() throws IOException;

    /**
     * Revisions before the one {@link #fetch} gave, newest first, at most {@code max}: where a
     * service that starts on an invalid head, with no other copy of the last good config, looks for
     * it. A source without history (a folder) has none.
     */
    default List<Snapshot> history(int max) throws IOException {
        return List.of();
    }

    /** For status: {@code folder:/etc/apps} or {@code git:https://…#main}. */
    String describe();
}
