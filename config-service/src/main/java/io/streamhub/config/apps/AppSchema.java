package io.streamhub.config.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON Schema of an app file ({@code schema/app-config.schema.json}, shipped in this module and
 * published for editors). Its messages are turned into {@link FieldPath}s and plain sentences.
 */
final class AppSchema {

    static final String RESOURCE = "/schema/app-config.schema.json";

    /** A schema violation at a place in the document. */
    record Violation(FieldPath path, String message) {
    }

    private final JsonSchema schema;

    AppSchema() {
        try (InputStream in = AppSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Violation> validate(JsonNode document) {
        List<Violation> out = new ArrayList<>();
        for (ValidationMessage m : schema.validate(document)) {
            FieldPath path = toPath(m.getInstanceLocation());
            String type = m.getType();
            if ("additionalProperties".equals(type) && m.getProperty() != null) {
                out.add(new Violation(path.child(m.getProperty()), "unknown key (a typo?); allowed keys are listed in docs/app-config.md"));
            } else if ("required".equals(type) && m.getProperty() != null) {
                out.add(new Violation(path.child(m.getProperty()), "is required"));
            } else {
                out.add(new Violation(path, stripLocation(m.getMessage())));
            }
        }
        out.sort((a, b) -> a.path().toString().compareTo(b.path().toString()));
        return out;
    }

    private static FieldPath toPath(JsonNodePath location) {
        List<Object> steps = new ArrayList<>();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object e = location.getElement(i);
            steps.add(e instanceof Number n ? Integer.valueOf(n.intValue()) : e.toString());
        }
        return new FieldPath(List.copyOf(steps));
    }

    /** The library prefixes messages with the JSON path ({@code $.a.b: }); we print our own. */
    private static String stripLocation(String message) {
        int colon = message.indexOf(": ");
        return message.startsWith("$") && colon > 0 ? message.substring(colon + 2) : message;
    }
}
