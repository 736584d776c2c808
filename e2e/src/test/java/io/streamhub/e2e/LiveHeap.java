package io.streamhub.e2e;

import io.streamhub.testsupport.ServiceProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service's live heap: the bytes its heap holds right after a full GC. One {@code jcmd} run
 * (the JDK's own, beside the test JVM's {@code java}) executes {@code GC.run} (a full collection
 * with every collector of Java 17, unless {@code -XX:+ExplicitGCInvokesConcurrent}) and then
 * {@code GC.heap_info}, whose {@code used} figures of the heap's generations (G1's one
 * "garbage-first heap" line; Parallel's and Serial's young and old lines) are summed.
 */
final class LiveHeap {

    private static final Path JCMD = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    /** A generation's line: {@code <name> total 45056K, used 11230K [...]}; Metaspace's lines have no total. */
    private static final Pattern USED = Pattern.compile("\\btotal \\d+K, used (\\d+)K");

    private LiveHeap() {
    }

    static long bytes(ServiceProcess service) throws IOException, InterruptedException {
        return bytes(service.pid());
    }

    static long bytes(long pid) throws IOException, InterruptedException {
        Path commands = Files.createTempFile("jcmd-", ".txt");
        try {
            Files.writeString(commands, "GC.run\nGC.heap_info\n");
            Process jcmd = new ProcessBuilder(List.of(JCMD.toString(), Long.toString(pid), "-f", commands.toString()))
                    .redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
                jcmd.destroyForcibly();
                throw new IOException("jcmd " + pid + " failed: " + out);
            }
            long kib = 0;
            Matcher m = USED.matcher(out);
            boolean found = false;
            while (m.find()) {
                kib += Long.parseLong(m.group(1));
                found = true;
            }
            if (!found) {
                throw new IOException("jcmd " + pid + " GC.heap_info printed no heap: " + out);
            }
            return kib * 1024;
        } finally {
            Files.deleteIfExists(commands);
        }
    }

    /** Bytes as MiB with one decimal, signed when asked ({@code +1.2}). */
    static String mib(long bytes, boolean signed) {
        return String.format(signed ? "%+.1f" : "%.1f", bytes / 1048576.0);
    }
}
