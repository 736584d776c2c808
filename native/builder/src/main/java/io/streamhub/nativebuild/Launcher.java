package io.streamhub.nativebuild;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code bin/native-image} of the assembled home: translates a native-image command line (as
 * Quarkus writes it) and runs the image generator in a builder JVM of this home. Exits with the
 * generator's status; a command line it cannot translate exits 2 with the reason.
 */
public final class Launcher {

    static final String GRAALVM_VERSION = "25.0.2";
    /** Says what this is: GraalVM CE's builder, assembled here from Maven Central onto Temurin. */
    // Quarkus takes the builder version from "GraalVM CE <version>+": the "+" must be there.
    static final String VENDOR_VERSION = "GraalVM CE " + GRAALVM_VERSION + "+streamhub-assembled";

    private Launcher() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        BuilderHome home = BuilderHome.of(Path.of(System.getProperty("java.home")));
        Path cwd = Path.of("").toAbsolutePath();
        BuildRequest request;
        try {
            request = new DriverArguments(ApiOptionTable.read(home.builderJars()), cwd).parse(Arrays.asList(args));
        } catch (IllegalArgumentException e) {
            System.err.println("native-image: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (request.version) {
            System.out.println(versionText(Runtime.version()));
            return;
        }
        List<String> generator;
        try {
            generator = BuilderCommand.generatorArguments(home, request, cwd);
        } catch (IllegalArgumentException e) {
            System.err.println("native-image: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path argFile = Files.createTempFile("native-image-jvm", ".args");
        try {
            List<String> jvm = BuilderCommand.jvmArgumentFile(home, request);
            Files.write(argFile, jvm.stream().map(Launcher::quote).toList());
            List<String> command = new ArrayList<>();
            command.add(home.java().toString());
            command.add("@" + argFile);
            command.addAll(generator);
            Process process = new ProcessBuilder(command).inheritIO().start();
            System.exit(process.waitFor());
        } finally {
            Files.deleteIfExists(argFile);
        }
    }

    /** The three lines GraalVM's {@code native-image --version} prints, which Quarkus parses. */
    static String versionText(Runtime.Version jdk) {
        // Quarkus reads the JDK as <feature>.<interim>.<update>+<build> and the builder's line from
        // "jvmci-": the JDK's "-LTS" suffix would break its parse.
        String build = jdk.feature() + "." + jdk.interim() + "." + jdk.update() + jdk.build().map(b -> "+" + b).orElse("");
        return "native-image " + GRAALVM_VERSION + " (builder jars from Maven Central)\n"
                + "GraalVM Runtime Environment " + VENDOR_VERSION + " (build " + build + "-jvmci-b01)\n"
                + "Substrate VM " + VENDOR_VERSION + " (build " + build + ", serial gc)";
    }

    /** An argfile line: quoted when it holds a space, as the java launcher reads it. */
    private static String quote(String argument) {
        return argument.contains(" ") ? "\"" + argument.replace("\\", "\\\\") + "\"" : argument;
    }
}
