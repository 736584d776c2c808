package io.streamhub.nativebuild;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The part of GraalVM's {@code native-image} driver that a Quarkus build uses: {@code -J},
 * {@code -H:}/{@code -R:}, {@code -D}, {@code -O}, {@code -jar}, {@code -cp}, {@code -o}, the image
 * name, {@code --exclude-config}, and every {@code --name} option the builder declares (looked up
 * in {@link ApiOptionTable}). Anything else is refused by name: a silently dropped option would
 * make the analysis prove something other than what the build asked.
 */
final class DriverArguments {

    static final String UNLOCK = "-H:+UnlockExperimentalVMOptions";
    static final String RELOCK = "-H:-UnlockExperimentalVMOptions";

    private final ApiOptionTable options;
    private final Path workingDirectory;

    DriverArguments(ApiOptionTable options, Path workingDirectory) {
        this.options = options;
        this.workingDirectory = workingDirectory;
    }

    BuildRequest parse(List<String> arguments) {
        BuildRequest request = new BuildRequest();
        Deque<String> queue = new ArrayDeque<>(arguments);
        while (!queue.isEmpty()) {
            consume(queue.poll(), queue, request, true);
        }
        name(request);
        MetaInfConfig.Found found = MetaInfConfig.scan(request.classPath, request.exclusions);
        for (String argument : found.arguments()) {
            consume(argument, new ArrayDeque<>(), request, false);
        }
        found.builderArguments().forEach(a -> addExperimental(request, a));
        return request;
    }

    private void consume(String argument, Deque<String> rest, BuildRequest request, boolean commandLine) {
        if (argument.equals("--version")) {
            request.version = true;
        } else if (argument.startsWith("-J")) {
            if (argument.length() == 2) {
                throw new IllegalArgumentException("-J must be followed by the JVM option, without a space");
            }
            request.jvmArguments.add(argument.substring(2));
        } else if (argument.startsWith("-H:") || argument.startsWith("-R:")) {
            request.builderArguments.add(argument);
        } else if (argument.startsWith("-D")) {
            request.jvmArguments.add(argument);
        } else if (argument.startsWith("-O") && argument.length() > 2) {
            request.builderArguments.add("-H:Optimize=" + argument.substring(2));
        } else if (argument.equals("-jar")) {
            jar(Path.of(required(rest, "-jar")), request);
        } else if (argument.equals("-cp") || argument.equals("-classpath") || argument.equals("--class-path")) {
            classPath(required(rest, argument), request);
        } else if (argument.startsWith("--class-path=")) {
            classPath(argument.substring("--class-path=".length()), request);
        } else if (argument.equals("-o")) {
            request.imageName = required(rest, "-o");
        } else if (argument.equals("--exclude-config")) {
            request.exclusions.add(new MetaInfConfig.Exclusion(pattern(required(rest, argument)),
                    pattern(required(rest, argument))));
        } else if (argument.startsWith("--")) {
            apiOption(argument, request);
        } else if (argument.startsWith("-") || !commandLine) {
            throw new IllegalArgumentException("unsupported native-image option: " + argument);
        } else {
            request.positional.add(argument);
        }
    }

    /**
     * native-image's own reading of what is left: {@code <main class> [<image name>]}, or with
     * {@code -jar} (main class from the manifest) {@code [<image name>]}, in any place on the line.
     * Without a name, the jar's file name or the main class, lower-cased; {@code -o} names it too.
     */
    private static void name(BuildRequest request) {
        List<String> left = new ArrayList<>(request.positional);
        if (request.jar == null && !left.isEmpty()) {
            request.mainClass = left.remove(0);
        }
        if (left.size() > 1 || left.size() == 1 && request.imageName != null) {
            throw new IllegalArgumentException("a second image name: " + left.get(left.size() - 1));
        }
        if (!left.isEmpty()) {
            request.imageName = left.get(0);
        }
        if (request.imageName == null && request.jar != null) {
            String name = request.jar.getFileName().toString();
            request.imageName = name.endsWith(".jar") ? name.substring(0, name.length() - 4) : name;
        }
        if (request.imageName == null && request.mainClass != null) {
            request.imageName = request.mainClass.toLowerCase(Locale.ROOT);
        }
    }

    private void apiOption(String argument, BuildRequest request) {
        int equals = argument.indexOf('=');
        String name = argument.substring(2, equals < 0 ? argument.length() : equals);
        String value = equals < 0 ? null : argument.substring(equals + 1);
        ApiOption option = options.find(name).orElseThrow(() ->
                new IllegalArgumentException("unsupported native-image option: --" + name));
        if (!option.deprecated().isEmpty()) {
            System.err.println("native-image: --" + name + " is deprecated: " + option.deprecated());
        }
        addExperimental(request, option.builderArgument(value));
    }

    /**
     * A builder option derived by the driver rather than written by the user: many are experimental
     * in 25, and the driver unlocks each just for itself, so that the builder neither refuses nor
     * lists them as options the user unlocked.
     */
    static void addExperimental(BuildRequest request, String builderArgument) {
        request.builderArguments.add(UNLOCK);
        request.builderArguments.add(builderArgument);
        request.builderArguments.add(RELOCK);
    }

    /** -jar: the jar, its manifest's Class-Path (relative to the jar) and Main-Class, as {@code java -jar}. */
    private void jar(Path given, BuildRequest request) {
        Path jar = workingDirectory.resolve(given).normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("-jar requires a jar file: " + jar + " does not exist");
        }
        request.classPath.add(jar);
        Manifest manifest;
        try (JarFile file = new JarFile(jar.toFile())) {
            manifest = file.getManifest();
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable jar " + jar, e);
        }
        if (manifest == null) {
            throw new IllegalArgumentException(jar + " has no manifest");
        }
        Attributes main = manifest.getMainAttributes();
        String classPath = main.getValue(Attributes.Name.CLASS_PATH);
        if (classPath != null) {
            for (String element : classPath.trim().split("\\s+")) {
                request.classPath.add(jar.getParent().resolve(element).normalize());
            }
        }
        request.mainClass = main.getValue(Attributes.Name.MAIN_CLASS);
        String opens = main.getValue("Add-Opens");
        if (opens != null) {
            for (String target : opens.trim().split("\\s+")) {
                apiOption("--add-opens=" + target + "=ALL-UNNAMED", request);
            }
        }
        String exports = main.getValue("Add-Exports");
        if (exports != null) {
            for (String target : exports.trim().split("\\s+")) {
                apiOption("--add-exports=" + target + "=ALL-UNNAMED", request);
            }
        }
        String nativeAccess = main.getValue("Enable-Native-Access");
        if (nativeAccess != null) {
            apiOption("--enable-native-access=" + nativeAccess.trim(), request);
        }
        request.jar = jar;
    }

    private void classPath(String value, BuildRequest request) {
        for (String element : value.split(java.io.File.pathSeparator)) {
            if (!element.isEmpty()) {
                request.classPath.add(workingDirectory.resolve(element).normalize());
            }
        }
    }

    private static String required(Deque<String> rest, String option) {
        String value = rest.poll();
        if (value == null) {
            throw new IllegalArgumentException(option + " needs an argument");
        }
        return value;
    }

    private static Pattern pattern(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("--exclude-config: not a regular expression: " + regex, e);
        }
    }
}
