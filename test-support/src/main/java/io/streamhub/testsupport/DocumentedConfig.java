package io.streamhub.testsupport;

import io.smallrye.config.ConfigMappingInterface;
import io.smallrye.config.ConfigMappings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docs/configuration.md against a service's {@code @ConfigMapping}: every property the mapping
 * declares has a row in the service's section, every row names a property that exists, and where a
 * row's default is one literal it is the mapping's {@code @WithDefault}. A row's first cell holds
 * the names: {@code `router.proxy.owner-ttl`}, alternatives after {@code /} (a bare
 * {@code `keep-segments`} is a sibling of the name before it; an {@code ENV_VAR} is skipped), and
 * {@code <placeholder>} for a map key.
 */
public final class DocumentedConfig {

    static final Path DOC = Path.of(System.getProperty("streamhub.root", "..")).toAbsolutePath().normalize().resolve("docs/configuration.md");
    static final Pattern ROW = Pattern.compile("^\\| ([^|]+) \\| ([^|]*) \\|", Pattern.MULTILINE);
    static final Pattern NAME = Pattern.compile("`([^`]+)`");

    private DocumentedConfig() {
    }

    /** What disagrees between the mapping and the rows of {@code section} ({@code ## section}) that start with its prefix; empty when none. */
    public static List<String> problems(Class<?> mapping, String prefix, String section) throws IOException {
        Map<String, ConfigMappingInterface.Property> declared = new TreeMap<>();
        ConfigMappings.getProperties(new ConfigMappings.ConfigClass(mapping, prefix)).forEach((name, property) ->
                declared.put(normalize(name), property));
        Map<String, String> documented = rows(section, prefix);
        List<String> out = new ArrayList<>();
        for (String name : new TreeSet<>(declared.keySet())) {
            if (!documented.containsKey(name)) {
                out.add(name + " is a property of " + mapping.getSimpleName() + " with no row in docs/configuration.md, \"" + section + "\"");
            }
        }
        documented.forEach((name, defaultCell) -> {
            ConfigMappingInterface.Property property = declared.get(name);
            if (property == null) {
                out.add(name + " is documented in \"" + section + "\" but " + mapping.getSimpleName() + " has no such property");
                return;
            }
            Matcher single = Pattern.compile("^`([^`]*)`$").matcher(defaultCell.trim());
            if (single.matches() && property.hasDefaultValue() && !single.group(1).equals(property.getDefaultValue())) {
                out.add(name + ": documented default `" + single.group(1) + "`, the mapping's is `" + property.getDefaultValue() + "`");
            }
        });
        return out;
    }

    /** Name → default cell, for the rows of one section whose names start with {@code prefix}. */
    static Map<String, String> rows(String section, String prefix) throws IOException {
        String text = Files.readString(DOC);
        int start = text.indexOf("\n## " + section + "\n");
        if (start < 0) {
            throw new IllegalArgumentException("docs/configuration.md has no section \"## " + section + "\"");
        }
        int end = text.indexOf("\n## ", start + 1);
        String body = text.substring(start, end < 0 ? text.length() : end);
        Map<String, String> out = new TreeMap<>();
        Matcher row = ROW.matcher(body);
        while (row.find()) {
            String previous = null;
            Matcher name = NAME.matcher(row.group(1));
            while (name.find()) {
                String n = name.group(1);
                if (n.matches("[A-Z0-9_]+")) {
                    continue; // the environment variable beside a property
                }
                if (!n.contains(".") && previous != null) {
                    n = previous.substring(0, previous.lastIndexOf('.') + 1) + n;
                }
                previous = n;
                if (n.startsWith(prefix + ".")) {
                    out.put(normalize(n), row.group(2));
                }
            }
        }
        return out;
    }

    /** Map keys and list indexes, however written, as {@code *}. */
    static String normalize(String name) {
        return name.replaceAll("<[^>]+>", "*").replace("\"*\"", "*").replace("[*]", "");
    }
}
