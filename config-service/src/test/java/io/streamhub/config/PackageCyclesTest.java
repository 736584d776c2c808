package io.streamhub.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The main code's packages, as its imports and qualified names connect them: no cycle, and config never needs viewing. */
class PackageCyclesTest {

    static final Path MAIN = Path.of("src/main/java");
    static final Pattern REFERENCE = Pattern.compile("\\b(io\\.streamhub\\.(?:config|viewing)(?:\\.[a-z][a-z0-9]*)*)\\.(?:[A-Z]|\\*)");

    static Map<String, Set<String>> dependencies() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String own = MAIN.relativize(file.getParent()).toString().replace(file.getFileSystem().getSeparator(), ".");
                Set<String> used = uses.computeIfAbsent(own, k -> new TreeSet<>());
                Matcher m = REFERENCE.matcher(Files.readString(file));
                while (m.find()) {
                    used.add(m.group(1));
                }
                used.remove(own);
            }
        }
        return uses;
    }

    @Test
    void noPackageReachesItself() throws IOException {
        Map<String, Set<String>> uses = dependencies();
        List<String> onCycles = uses.keySet().stream().filter(p -> reaches(uses, p, p, new HashSet<>())).toList();
        assertEquals(List.of(), onCycles, "packages on a cycle; the dependencies: " + uses);
    }

    @Test
    void theConfigJobNeverNeedsTheViewingPart() throws IOException {
        Map<String, Set<String>> uses = dependencies();
        List<String> wrongWay = uses.entrySet().stream().filter(e -> e.getKey().startsWith("io.streamhub.config"))
                .flatMap(e -> e.getValue().stream().filter(u -> u.startsWith("io.streamhub.viewing")).map(u -> e.getKey() + " -> " + u))
                .toList();
        assertEquals(List.of(), wrongWay);
    }

    private static boolean reaches(Map<String, Set<String>> uses, String from, String target, Set<String> seen) {
        for (String next : uses.getOrDefault(from, Set.of())) {
            if (next.equals(target) || seen.add(next) && reaches(uses, next, target, seen)) {
                return true;
            }
        }
        return false;
    }
}
