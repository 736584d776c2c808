package io.streamhub.egress.simulated;

import java.io.IOException;

/** Where the simulated egress puts a file it writes: a folder on disk, or a bucket as LiveKit's S3 upload does. */
interface HlsSink {

    /** Writes (or replaces) {@code name} whole: a reader sees the old content or the new, never a part. */
    void put(String name, byte[] content) throws IOException;

    /** Removes a segment the live window no longer needs; LiveKit's S3 upload never deletes (a bucket's lifecycle rule does). */
    void delete(String name) throws IOException;
}
