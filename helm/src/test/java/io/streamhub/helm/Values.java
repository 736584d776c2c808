package io.streamhub.helm;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Values files as Helm layers them: later files win, maps merge key by key, lists are replaced. */
final class Values {

    private static final YAMLMapper YAML = new YAMLMapper();

    private Values() {
    }

    static Map<String, Object> read(Path file) {
        try {
            Map<String, Object> values = YAML.readValue(file.toFile(), new TypeReference<>() { });
            return values == null ? new LinkedHashMap<>() : values;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String merge(List<Path> layers) {
        Map<String, Object> merged = new LinkedHashMap<>();
        for (Path layer : layers) {
            merge(merged, read(layer));
        }
        try {
            return YAML.writeValueAsString(merged);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> into, Map<String, Object> from) {
        from.forEach((key, value) -> {
            Object existing = into.get(key);
            if (existing instanceof Map<?, ?> base && value instanceof Map<?, ?> overlay) {
                Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) base);
                merge(copy, (Map<String, Object>) overlay);
                into.put(key, copy);
            } else {
                into.put(key, value);
            }
        });
    }
}
