package io.streamhub.nativebuild;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the libraries on the image class path say about themselves under
 * {@code META-INF/native-image/}: the arguments of their {@code native-image.properties}, and their
 * reachability files, which the builder only reads when it is told their resource names. This is
 * the driver's part of the work; {@code --exclude-config} drops a jar's file as it does there.
 */
final class MetaInfConfig {

    private static final String ROOT = "META-INF/native-image/";

    /** File name → the builder option that takes it as a class-path resource. */
    private static final Map<String, String> RESOURCE_OPTIONS = Map.of(
            "reflect-config.json", "ReflectionConfigurationResources",
            "resource-config.json", "ResourceConfigurationResources",
            "jni-config.json", "JNIConfigurationResources",
            "proxy-config.json", "DynamicProxyConfigurationResources",
            "serialization-config.json", "SerializationConfigurationResources",
            "predefined-classes-config.json", "PredefinedClassesConfigurationResources",
            "reachability-metadata.json", "ReachabilityMetadataResources");

    record Exclusion(Pattern jar, Pattern resource) {
    }

    /** @param arguments native-image arguments from properties files, @param builderArguments -H: options */
    record Found(List<String> arguments, List<String> builderArguments) {
    }

    private MetaInfConfig() {
    }

    static Found scan(List<Path> classPath, List<Exclusion> exclusions) {
        List<String> arguments = new ArrayList<>();
        List<String> builder = new ArrayList<>();
        for (Path entry : classPath) {
            for (Map.Entry<String, byte[]> file : files(entry).entrySet()) {
                String resource = file.getKey();
                if (excluded(entry, resource, exclusions)) {
                    continue;
                }
                String name = resource.substring(resource.lastIndexOf('/') + 1);
                if (name.equals("native-image.properties")) {
                    arguments.addAll(propertyArguments(file.getValue(), entry, resource));
                } else if (RESOURCE_OPTIONS.containsKey(name)) {
                    builder.add("-H:" + RESOURCE_OPTIONS.get(name) + "=" + resource);
                }
            }
        }
        return new Found(arguments, builder);
    }

    private static boolean excluded(Path entry, String resource, List<Exclusion> exclusions) {
        return exclusions.stream().anyMatch(e -> e.jar().matcher(entry.toString()).find()
                && e.resource().matcher("/" + resource).find());
    }

    private static List<String> propertyArguments(byte[] content, Path entry, String resource) {
        Properties properties = new Properties();
        try {
            properties.load(new java.io.ByteArrayInputStream(content));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("unreadable " + resource + " in " + entry + ": " + e.getMessage(), e);
        }
        String args = properties.getProperty("Args", "").trim();
        if (args.isEmpty()) {
            return List.of();
        }
        // ${.} names the folder of the properties file, as the driver expands it.
        String folder = resource.substring(0, resource.lastIndexOf('/'));
        return List.of(args.replace("${.}", folder).split("\\s+"));
    }

    /** Resource name → bytes of every file under META-INF/native-image/ in a jar or folder. */
    private static Map<String, byte[]> files(Path entry) {
        Map<String, byte[]> found = new java.util.TreeMap<>();
        try {
            if (Files.isDirectory(entry)) {
                Path root = entry.resolve(ROOT);
                if (Files.isDirectory(root)) {
                    try (Stream<Path> walk = Files.walk(root)) {
                        for (Path p : walk.filter(Files::isRegularFile).toList()) {
                            found.put(entry.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
                        }
                    }
                }
            } else if (Files.isRegularFile(entry)) {
                try (JarFile jar = new JarFile(entry.toFile())) {
                    Enumeration<JarEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        JarEntry e = entries.nextElement();
                        if (!e.isDirectory() && e.getName().startsWith(ROOT)) {
                            try (InputStream in = jar.getInputStream(e)) {
                                found.put(e.getName(), in.readAllBytes());
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read class-path entry " + entry, e);
        }
        return found;
    }
}
