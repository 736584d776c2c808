package io.streamhub.config.source;

import java.io.IOException;
import java.nio.file.Path;

/** Where the app files come from. */
public interface AppSource {

    /** A folder of app files as of one revision. */
    record Snapshot(Path folder, String revision) {
    }

    /** Brings the source up to date (a pull, for Git) and says which revision the folder now holds. */
    Snapshot fetch() throws IOException;

    /** For status: {@code folder:/etc/apps} or {@code git:https://…#main}. */
    String describe();
}
