package io.streamhub.testsupport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finding the Debian programs the tests run (redis-server, redis-sentinel, varnishd, …). */
public final class Executables {

    private Executables() {
    }

    /** The program on {@code PATH}, or in {@code /usr/sbin} or {@code /sbin} (daemons live there); {@code null} if nowhere. */
    public static String find(String name) {
        String path = System.getenv("PATH");
        String dirs = (path == null ? "" : path + File.pathSeparator) + "/usr/sbin" + File.pathSeparator + "/sbin";
        for (String dir : dirs.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }
}
