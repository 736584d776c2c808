package io.streamhub.nativebuild;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The builder JVM's command line for a translated request: the JVMCI flags and module layout a
 * GraalVM distribution bakes into its launcher, then {@code NativeImageGeneratorRunner} with the
 * image class path and the generator's {@code -H:} options.
 */
final class BuilderCommand {

    static final String GENERATOR = "org.graalvm.nativeimage.builder/com.oracle.svm.hosted.NativeImageGeneratorRunner";

    /** What the builder expects of its JVM (the same the GraalVM driver passes). */
    private static final List<String> BUILDER_JVM = List.of(
            "-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI", "-XX:-UseJVMCICompiler", "-Xss10m",
            "-XX:+UseParallelGC",
            "--enable-native-access=org.graalvm.nativeimage.builder,ALL-UNNAMED",
            "-Djdk.internal.lambda.disableEagerInitialization=true",
            "-Djava.system.class.loader=com.oracle.svm.hosted.NativeImageSystemClassLoader",
            "-Dorg.graalvm.nativeimage.imagecode=buildtime",
            "-Dcom.oracle.graalvm.isaot=true",
            "-Djava.awt.headless=true");

    private BuilderCommand() {
    }

    /** The JVM's arguments, meant for an {@code @argfile}: thousands of module lines overflow argv. */
    static List<String> jvmArgumentFile(BuilderHome home, BuildRequest request) {
        List<Path> jars = home.builderJars();
        List<java.lang.module.ModuleDescriptor> modules = ModuleAccess.builderDescriptors(jars);
        List<String> lines = new ArrayList<>(BUILDER_JVM);
        lines.add("-Dorg.graalvm.version=" + Launcher.GRAALVM_VERSION);
        lines.add("-Dorg.graalvm.vendorversion=" + Launcher.VENDOR_VERSION);
        lines.add("--add-modules=ALL-DEFAULT");
        lines.addAll(ModuleAccess.lines(modules));
        lines.addAll(request.jvmArguments);
        lines.add("--upgrade-module-path");
        lines.add(join(home.upgradeModulePath()));
        lines.add("--module-path");
        lines.add(join(home.modulePath()));
        lines.add("-m");
        lines.add(GENERATOR);
        return lines;
    }

    static List<String> generatorArguments(BuilderHome home, BuildRequest request, Path workingDirectory) {
        if (request.classPath.isEmpty()) {
            throw new IllegalArgumentException("nothing to build: give -jar <jar> or -cp <path> with a main class");
        }
        List<String> args = new ArrayList<>();
        args.add("-imagecp");
        args.add(join(request.classPath));
        args.add(DriverArguments.UNLOCK);
        args.add("-H:CLibraryPath=" + home.cLibraries());
        args.add("-H:Path=" + workingDirectory);
        args.add("-H:Name=" + request.imageName);
        if (request.mainClass != null) {
            args.add("-H:Class=" + request.mainClass);
        }
        args.add("-H:ImageBuildID=" + UUID.randomUUID());
        args.add(DriverArguments.RELOCK);
        args.addAll(request.builderArguments);
        return args;
    }

    private static String join(List<Path> paths) {
        return paths.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }
}
