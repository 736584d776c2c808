package io.streamhub.nativebuild;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The real GraalVM builder jars Maven copied for this module (the {@code builder.jars} property). */
final class BuilderJars {

    private static List<Path> jars;
    private static ApiOptionTable table;

    private BuilderJars() {
    }

    static synchronized List<Path> all() {
        if (jars == null) {
            Path dir = Path.of(System.getProperty("builder.jars", "target/builder-jars"));
            try (Stream<Path> files = Files.list(dir)) {
                jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return jars;
    }

    static synchronized ApiOptionTable options() {
        if (table == null) {
            table = ApiOptionTable.read(all());
        }
        return table;
    }
}
