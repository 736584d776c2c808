package io.streamhub.nativebuild;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.classfile.Annotation;
import java.lang.classfile.AnnotationElement;
import java.lang.classfile.AnnotationValue;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.Instruction;
import java.lang.classfile.MethodModel;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.constant.MethodTypeDesc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Writes the C headers of the builder's own helper library ({@code com.oracle.svm.native.libchelper}),
 * which GraalVM ships in its home but not in any Maven artifact. The builder needs them to compute
 * the layout of the structs it declares with {@code @CStruct}/{@code @CField}; the declarations
 * themselves are in the builder jars, so each header is written from them: one typedef per struct,
 * one member per field, in declaration order.
 */
public final class CHeaderWriter {

    static final String PROJECT = "com.oracle.svm.native.libchelper";
    private static final String C_CONTEXT = "Lorg/graalvm/nativeimage/c/CContext;";
    private static final String C_STRUCT = "Lorg/graalvm/nativeimage/c/struct/CStruct;";
    private static final String C_FIELD = "Lorg/graalvm/nativeimage/c/struct/CField;";
    private static final String C_CONSTANT = "Lorg/graalvm/nativeimage/c/constant/CConstant;";
    private static final String CONSTANT_VALUES = "/libchelper-constants.properties";

    /** A struct to write: its C name and its members (name → C type), in order. */
    record Struct(String name, Map<String, String> members) {
    }

    /** What one header declares: constants (name → C type) and structs. */
    record Header(Map<String, String> constants, List<Struct> structs) {
    }

    private CHeaderWriter() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: CHeaderWriter <clibraries-dir> <builder.jar>...");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        List<Path> jars = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            jars.add(Path.of(args[i]));
        }
        java.util.Properties values = new java.util.Properties();
        try (InputStream in = CHeaderWriter.class.getResourceAsStream(CONSTANT_VALUES)) {
            values.load(in);
        }
        for (Map.Entry<String, Header> header : headers(jars).entrySet()) {
            Path file = out.resolve(header.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, render(header.getKey(), header.getValue(), values));
            System.out.println("wrote " + file);
        }
    }

    /** Header path (such as {@code include/amd64cpufeatures.h}) → what it declares. */
    static Map<String, Header> headers(List<Path> jars) {
        List<ClassModel> classes = new ArrayList<>();
        for (Path jar : jars) {
            classes.addAll(classes(jar));
        }
        Map<String, String> headerOfDirectives = new TreeMap<>();
        Map<String, String> contextOf = new TreeMap<>();
        for (ClassModel model : classes) {
            String name = model.thisClass().asInternalName();
            headerOfDirective(model).ifPresent(h -> headerOfDirectives.put(name, h));
            annotation(model, C_CONTEXT).ifPresent(a -> contextOf.put(name, classValue(a)));
        }
        Map<String, Header> headers = new TreeMap<>();
        for (String header : headerOfDirectives.values()) {
            headers.put(header, new Header(new TreeMap<>(), new ArrayList<>()));
        }
        for (ClassModel model : classes) {
            String name = model.thisClass().asInternalName();
            String context = contextOf.get(name);
            if (context == null) {
                String host = model.findAttribute(Attributes.nestHost())
                        .map(n -> n.nestHost().asInternalName()).orElse(name);
                context = contextOf.get(host);
            }
            String header = context == null ? null : headerOfDirectives.get(context);
            if (header == null) {
                continue;
            }
            annotation(model, C_STRUCT).ifPresent(struct -> headers.get(header).structs().add(struct(model, struct)));
            headers.get(header).constants().putAll(constants(model));
        }
        return headers;
    }

    static String render(String header, Header declared, java.util.Properties values) {
        StringBuilder c = new StringBuilder();
        String guard = "STREAMHUB_" + header.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
        c.append("/* Generated by native/builder (CHeaderWriter) from the builder's @CStruct declarations. */\n");
        c.append("#ifndef ").append(guard).append("\n#define ").append(guard).append("\n\n");
        declared.constants().forEach((constant, type) -> {
            String value = values.getProperty(constant);
            if (value == null) {
                throw new IllegalStateException("no value for C constant " + constant + " (" + header
                        + "): add it to " + CONSTANT_VALUES);
            }
            // A macro, not a const variable: -Wall -Werror (the builder's query flags) rejects an unused one.
            c.append("#define ").append(constant).append(" ((").append(type).append(") ").append(value).append(")\n");
        });
        if (!declared.constants().isEmpty()) {
            c.append('\n');
        }
        for (Struct struct : declared.structs()) {
            c.append("typedef struct {\n");
            struct.members().forEach((member, type) -> c.append("  ").append(type).append(' ').append(member).append(";\n"));
            c.append("} ").append(struct.name()).append(";\n\n");
        }
        return c.append("#endif\n").toString();
    }

    private static Struct struct(ClassModel model, Annotation annotation) {
        String simple = model.thisClass().asInternalName();
        simple = simple.substring(Math.max(simple.lastIndexOf('/'), simple.lastIndexOf('$')) + 1);
        String cName = stringValue(annotation, "value").filter(v -> !v.isEmpty()).orElse(simple);
        Map<String, String> members = new LinkedHashMap<>();
        for (MethodModel method : model.methods()) {
            MethodTypeDesc type = method.methodTypeSymbol();
            if (type.parameterCount() != 0 || type.returnType().descriptorString().equals("V")) {
                continue; // setters and addresses name the same fields as the getters
            }
            method.findAttribute(Attributes.runtimeVisibleAnnotations()).ifPresent(a -> {
                for (Annotation an : a.annotations()) {
                    if (an.classSymbol().descriptorString().equals(C_FIELD)) {
                        String field = stringValue(an, "value").filter(v -> !v.isEmpty())
                                .orElse(method.methodName().stringValue());
                        members.put(field, cType(type.returnType().descriptorString()));
                    }
                }
            });
        }
        return new Struct(cName, members);
    }

    /** The @CConstant methods of a class: constant name → C type. */
    private static Map<String, String> constants(ClassModel model) {
        Map<String, String> constants = new TreeMap<>();
        for (MethodModel method : model.methods()) {
            method.findAttribute(Attributes.runtimeVisibleAnnotations()).ifPresent(a -> {
                for (Annotation an : a.annotations()) {
                    if (an.classSymbol().descriptorString().equals(C_CONSTANT)) {
                        String constant = stringValue(an, "value").filter(v -> !v.isEmpty())
                                .orElse(method.methodName().stringValue());
                        constants.put(constant, cType(method.methodTypeSymbol().returnType().descriptorString()));
                    }
                }
            });
        }
        return constants;
    }

    /** The C type of a getter's Java return type; word types (pointers) are pointers. */
    static String cType(String descriptor) {
        return switch (descriptor) {
            case "Z", "B" -> "char";
            case "S" -> "short";
            case "C" -> "unsigned short";
            case "I" -> "int";
            case "J" -> "long long";
            case "F" -> "float";
            case "D" -> "double";
            case "Lorg/graalvm/nativeimage/c/type/CCharPointer;" -> "char *";
            default -> "void *";
        };
    }

    /** A Directives class whose getHeaderFiles() names a libchelper header: that header. */
    private static java.util.Optional<String> headerOfDirective(ClassModel model) {
        for (MethodModel method : model.methods()) {
            if (!method.methodName().stringValue().equals("getHeaderFiles")) {
                continue;
            }
            List<String> constants = new ArrayList<>();
            method.code().ifPresent(code -> {
                for (var element : code) {
                    if (element instanceof Instruction && element instanceof ConstantInstruction ci
                            && ci.constantValue() instanceof String s) {
                        constants.add(s);
                    }
                }
            });
            int project = constants.indexOf(PROJECT);
            if (project >= 0 && project + 1 < constants.size()) {
                return java.util.Optional.of(constants.get(project + 1));
            }
        }
        return java.util.Optional.empty();
    }

    private static java.util.Optional<Annotation> annotation(ClassModel model, String descriptor) {
        return model.findAttribute(Attributes.runtimeVisibleAnnotations()).flatMap(a -> a.annotations().stream()
                .filter(an -> an.classSymbol().descriptorString().equals(descriptor)).findFirst());
    }

    private static java.util.Optional<String> stringValue(Annotation annotation, String element) {
        for (AnnotationElement e : annotation.elements()) {
            if (e.name().stringValue().equals(element) && e.value() instanceof AnnotationValue.OfString s) {
                return java.util.Optional.of(s.stringValue());
            }
        }
        return java.util.Optional.empty();
    }

    private static String classValue(Annotation annotation) {
        for (AnnotationElement e : annotation.elements()) {
            if (e.name().stringValue().equals("value") && e.value() instanceof AnnotationValue.OfClass c) {
                String d = c.classSymbol().descriptorString();
                return d.substring(1, d.length() - 1);
            }
        }
        return "";
    }

    private static List<ClassModel> classes(Path jar) {
        List<ClassModel> models = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/")) {
                    try (InputStream in = file.getInputStream(entry)) {
                        models.add(ClassFile.of().parse(in.readAllBytes()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
        return models;
    }
}
