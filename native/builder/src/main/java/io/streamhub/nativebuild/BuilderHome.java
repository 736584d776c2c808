package io.streamhub.nativebuild;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The layout of an assembled builder home: a copy of a JDK 25 (a copy, not a link: the builder
 * finds its home through {@code java.home}, which follows libjvm) with the builder jars, the C
 * headers and the native helpers GraalVM would ship beside it. One home for these paths, shared by
 * the launcher and the assembly script's checks.
 */
public record BuilderHome(Path root) {

    /** The Graal compiler jar replaces the JDK's own {@code jdk.graal.compiler} module. */
    static final String COMPILER_JAR_PREFIX = "compiler-";

    public static BuilderHome of(Path root) {
        return new BuilderHome(root.toAbsolutePath().normalize());
    }

    public Path java() {
        return root.resolve("bin/java");
    }

    public Path builderJarDir() {
        return root.resolve("lib/svm/builder");
    }

    /** Where the builder's header resolver looks for {@code include/<name>.h}. */
    public Path cLibraries() {
        return root.resolve("lib/svm/clibraries/linux-amd64");
    }

    public Path launcherJar() {
        return root.resolve("lib/svm/launcher/native-builder.jar");
    }

    public List<Path> builderJars() {
        try (Stream<Path> files = Files.list(builderJarDir())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("no builder jars in " + builderJarDir()
                    + " (run native/assemble-home.sh)", e);
        }
    }

    public List<Path> upgradeModulePath() {
        return builderJars().stream().filter(BuilderHome::isCompiler).toList();
    }

    public List<Path> modulePath() {
        return builderJars().stream().filter(p -> !isCompiler(p)).toList();
    }

    private static boolean isCompiler(Path jar) {
        return jar.getFileName().toString().startsWith(COMPILER_JAR_PREFIX);
    }
}
