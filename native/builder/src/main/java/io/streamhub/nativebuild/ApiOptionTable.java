package io.streamhub.nativebuild;

import java.lang.classfile.Annotation;
import java.lang.classfile.AnnotationElement;
import java.lang.classfile.AnnotationValue;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassModel;
import java.lang.classfile.FieldModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code --name} options of the native-image command line, read from the {@code @APIOption}
 * annotations in the builder jars. GraalVM's own driver is not published on Maven Central; reading
 * the table from the builder it drives keeps the two from drifting apart.
 */
public final class ApiOptionTable {

    private static final String API_OPTION = "Lcom/oracle/svm/core/option/APIOption;";
    private static final String API_OPTION_LIST = "Lcom/oracle/svm/core/option/APIOption$List;";

    private final Map<String, ApiOption> byName;

    private ApiOptionTable(Map<String, ApiOption> byName) {
        this.byName = Map.copyOf(byName);
    }

    public static ApiOptionTable read(List<Path> builderJars) {
        Map<String, ApiOption> options = new HashMap<>();
        for (Path jar : builderJars) {
            JarClasses.forEach(jar, model -> collect(model, options));
        }
        return new ApiOptionTable(options);
    }

    public Optional<ApiOption> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public int size() {
        return byName.size();
    }

    private static void collect(ClassModel model, Map<String, ApiOption> into) {
        for (FieldModel field : model.fields()) {
            String descriptor = field.fieldType().stringValue();
            if (!descriptor.endsWith("OptionKey;")) {
                continue;
            }
            boolean runtime = descriptor.contains("RuntimeOptionKey");
            boolean bool = field.findAttribute(Attributes.signature())
                    .map(s -> s.signature().stringValue().contains("<Ljava/lang/Boolean;>"))
                    .orElse(false);
            field.findAttribute(Attributes.runtimeVisibleAnnotations()).ifPresent(attribute -> {
                for (Annotation annotation : attribute.annotations()) {
                    for (Annotation option : apiOptions(annotation)) {
                        for (ApiOption parsed : parse(option, field.fieldName().stringValue(), runtime, bool)) {
                            into.put(parsed.name(), parsed);
                        }
                    }
                }
            });
        }
    }

    private static List<Annotation> apiOptions(Annotation annotation) {
        String type = annotation.classSymbol().descriptorString();
        if (type.equals(API_OPTION)) {
            return List.of(annotation);
        }
        List<Annotation> nested = new ArrayList<>();
        if (type.equals(API_OPTION_LIST)) {
            for (AnnotationElement element : annotation.elements()) {
                if (element.value() instanceof AnnotationValue.OfArray array) {
                    for (AnnotationValue value : array.values()) {
                        if (value instanceof AnnotationValue.OfAnnotation inner) {
                            nested.add(inner.annotation());
                        }
                    }
                }
            }
        }
        return nested;
    }

    /** One entry per alias; none for options in a group ({@code --gc=serial}): no service passes one. */
    private static List<ApiOption> parse(Annotation option, String field, boolean runtime, boolean bool) {
        List<String> names = List.of();
        List<String> fixed = List.of();
        List<String> defaults = List.of();
        String transformer = "";
        String deprecated = "";
        for (AnnotationElement element : option.elements()) {
            switch (element.name().stringValue()) {
                case "name" -> names = strings(element.value());
                case "fixedValue" -> fixed = strings(element.value());
                case "defaultValue" -> defaults = strings(element.value());
                case "deprecated" -> deprecated = ((AnnotationValue.OfString) element.value()).stringValue();
                case "group" -> {
                    return List.of();
                }
                case "valueTransformer" -> {
                    if (element.value() instanceof AnnotationValue.OfArray array && !array.values().isEmpty()) {
                        String symbol = ((AnnotationValue.OfClass) array.values().get(0)).classSymbol().descriptorString();
                        transformer = symbol.substring(1, symbol.length() - 1).replace('/', '.');
                    }
                }
                default -> {
                }
            }
        }
        List<ApiOption> aliases = new ArrayList<>();
        for (String name : names) {
            aliases.add(new ApiOption(name, field, runtime, bool, fixed, defaults, transformer, deprecated));
        }
        return aliases;
    }

    private static List<String> strings(AnnotationValue value) {
        if (value instanceof AnnotationValue.OfArray array) {
            return array.values().stream().map(v -> ((AnnotationValue.OfString) v).stringValue()).toList();
        }
        return List.of(((AnnotationValue.OfString) value).stringValue());
    }
}
