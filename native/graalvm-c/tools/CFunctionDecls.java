import java.io.IOException;
import java.lang.classfile.Annotation;
import java.lang.classfile.AnnotationElement;
import java.lang.classfile.AnnotationValue;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.ZipFile;

/**
 * Lists the C functions the builder jars declare with {@code @CFunction} (the name the linker will
 * look for, the declaring class and the Java descriptor), so our C can be written and checked
 * against the declarations rather than against memory.
 *   java CFunctionDecls.java <jar>... [-- symbol...]   (symbols: print only these)
 */
public class CFunctionDecls {
    static final String C_FUNCTION = "Lorg/graalvm/nativeimage/c/function/CFunction;";

    public static void main(String[] args) throws IOException {
        List<String> jars = new ArrayList<>(), only = new ArrayList<>();
        boolean symbols = false;
        for (String a : args) {
            if (a.equals("--")) { symbols = true; } else if (symbols) { only.add(a); } else { jars.add(a); }
        }
        TreeMap<String, List<String>> found = new TreeMap<>();
        for (String jar : jars) {
            try (ZipFile zip = new ZipFile(jar)) {
                for (var e : java.util.Collections.list(zip.entries())) {
                    if (!e.getName().endsWith(".class")) continue;
                    ClassModel cm;
                    try (var in = zip.getInputStream(e)) {
                        cm = ClassFile.of().parse(in.readAllBytes());
                    } catch (IllegalArgumentException bad) {
                        continue;
                    }
                    for (MethodModel m : cm.methods()) {
                        List<Annotation> anns = new ArrayList<>();
                        m.findAttribute(Attributes.runtimeVisibleAnnotations()).ifPresent(a -> anns.addAll(a.annotations()));
                        m.findAttribute(Attributes.runtimeInvisibleAnnotations()).ifPresent(a -> anns.addAll(a.annotations()));
                        for (Annotation an : anns) {
                            if (!an.classSymbol().descriptorString().equals(C_FUNCTION)) continue;
                            String name = m.methodName().stringValue();
                            String transition = "";
                            for (AnnotationElement el : an.elements()) {
                                if (el.name().stringValue().equals("value") && el.value() instanceof AnnotationValue.OfString s && !s.stringValue().isEmpty()) {
                                    name = s.stringValue();
                                }
                                if (el.name().stringValue().equals("transition") && el.value() instanceof AnnotationValue.OfEnum en) {
                                    transition = " " + en.constantName().stringValue();
                                }
                            }
                            found.computeIfAbsent(name, k -> new ArrayList<>()).add(
                                cm.thisClass().asInternalName() + "." + m.methodName().stringValue() + m.methodType().stringValue() + transition);
                        }
                    }
                }
            }
        }
        for (var en : found.entrySet()) {
            if (!only.isEmpty() && !only.contains(en.getKey())) continue;
            for (String d : en.getValue()) System.out.println(en.getKey() + "\t" + d);
        }
        for (String s : only) if (!found.containsKey(s)) System.out.println(s + "\t(no @CFunction declaration)");
    }
}
