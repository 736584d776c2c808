package io.streamhub.config.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A folder laid out as Kubernetes mounts a ConfigMap: the files live in a timestamped directory,
 * {@code ..data} links to it, and each {@code <app>.yaml} links through {@code ..data}. An update
 * writes a new directory and swaps {@code ..data} with one atomic rename.
 */
public final class ConfigMapFolder {

    private static final AtomicInteger GENERATION = new AtomicInteger();

    private final Path root;

    public ConfigMapFolder(Path root) {
        this.root = root;
    }

    /** Replaces the whole content, as kubelet does on a ConfigMap change. */
    public void publish(Map<String, String> files) {
        try {
            Files.createDirectories(root);
            Path generation = root.resolve("..2026_11_28_" + GENERATION.incrementAndGet());
            Files.createDirectories(generation);
            for (Map.Entry<String, String> f : files.entrySet()) {
                Files.writeString(generation.resolve(f.getKey()), f.getValue());
            }
            Path tmp = root.resolve("..data_tmp");
            Files.deleteIfExists(tmp);
            Files.createSymbolicLink(tmp, generation.getFileName());
            Files.move(tmp, root.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            for (String name : files.keySet()) {
                Path link = root.resolve(name);
                if (!Files.isSymbolicLink(link)) {
                    Files.deleteIfExists(link);
                    Files.createSymbolicLink(link, Path.of("..data").resolve(name));
                }
            }
            try (Stream<Path> s = Files.list(root)) {
                for (Path p : s.toList()) {
                    if (Files.isSymbolicLink(p) && !p.getFileName().toString().startsWith(".") && !files.containsKey(p.getFileName().toString())) {
                        Files.delete(p);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many example apps the project ships: what a service loaded from them lists. */
    public static int exampleCount() {
        return examples().size();
    }

    /** The examples shipped with the project, by file name. */
    public static Map<String, String> examples() {
        try (Stream<Path> s = Files.list(Path.of("../examples/apps"))) {
            Map<String, String> out = new java.util.TreeMap<>();
            for (Path p : s.toList()) {
                out.put(p.getFileName().toString(), Files.readString(p));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
