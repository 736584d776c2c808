import java.io.IOException;
import java.lang.classfile.AccessFlags;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.reflect.AccessFlag;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks the JDK static archives (native/jdk-static/build.sh) against the JDK that runs the image:
 * the class files are read from this JVM's own runtime image (jrt:/), so run it with JDK 25.
 *
 *   java JniCheck.java sources <module>...
 *       the top-level source files (module/pkg/Name.java) of every class declaring a native
 *       method: what `javac -h` needs to write the JNI headers.
 *   java JniCheck.java check <defined-symbols.txt> <libs.txt> <jdk25-symbols.txt> <csrc-dir>...
 *       1. every native method of the classes whose package a library covers (libs.txt:
 *          "lib package-prefix...") has a Java_ symbol (short or long form) in the archives, or
 *          is bound by the class's registerNatives from a JNINativeMethod table in the C, or is
 *          defined by neither them nor JDK 25's own shared libraries (jdk25-symbols.txt: what
 *          libjava.so & co. export), i.e. the VM implements it;
 *       2. every Get{Static}{Field,Method}ID call in the C sources with literal name and
 *          signature names a member of that descriptor in some class of JDK 25, and of the class
 *          named by the nearest FindClass/class literal before it when there is one.
 *   Exit status 1 when anything is missing; each finding is one line on stdout.
 */
public class JniCheck {

    static final boolean verbose = Boolean.getBoolean("verbose");

    public static void main(String[] args) throws IOException {
        FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
        switch (args[0]) {
            case "sources" -> {
                for (int i = 1; i < args.length; i++) {
                    Set<String> files = new TreeSet<>();
                    for (ClassModel cm : classes(jrt, args[i])) {
                        if (cm.methods().stream().anyMatch(JniCheck::isNative)) {
                            String n = cm.thisClass().asInternalName();
                            int dollar = n.indexOf('$');
                            files.add(args[i] + "/" + (dollar < 0 ? n : n.substring(0, dollar)) + ".java");
                        }
                    }
                    files.forEach(System.out::println);
                }
            }
            case "check" -> System.exit(check(jrt, Path.of(args[1]), Path.of(args[2]), Path.of(args[3]),
                    List.of(args).subList(4, args.length).stream().map(Path::of).toList()));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static boolean isNative(MethodModel m) {
        return m.flags().has(AccessFlag.NATIVE);
    }

    static List<ClassModel> classes(FileSystem jrt, String module) throws IOException {
        List<ClassModel> out = new ArrayList<>();
        Path root = jrt.getPath("/modules", module);
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (p.toString().endsWith(".class") && !p.getFileName().toString().equals("module-info.class")) {
                    out.add(ClassFile.of().parse(Files.readAllBytes(p)));
                }
            }
        }
        return out;
    }

    /** JNI's name mangling (the JNI specification, "Resolving Native Method Names"). */
    static String mangle(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '/' || c == '.') b.append('_');
            else if (c == '_') b.append("_1");
            else if (c == ';') b.append("_2");
            else if (c == '[') b.append("_3");
            else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) b.append(c);
            else b.append(String.format("_0%04x", (int) c));
        }
        return b.toString();
    }

    static int check(FileSystem jrt, Path symbolsFile, Path libsFile, Path jdk25SymbolsFile, List<Path> csrc) throws IOException {
        Set<String> defined = new HashSet<>(Files.readAllLines(symbolsFile));
        Map<String, ClassModel> all = new HashMap<>();
        for (String module : List.of("java.base", "jdk.net", "jdk.management")) {
            for (ClassModel cm : classes(jrt, module)) all.put(cm.thisClass().asInternalName(), cm);
        }
        int problems = 0, natives = 0;

        // 1. Native methods against symbols, per library's packages.
        Map<String, List<String>> libPackages = new TreeMap<>();
        for (String line : Files.readAllLines(libsFile)) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] f = line.split("\\s+");
            libPackages.put(f[0], List.of(f).subList(1, f.length));
        }
        Set<String> tables = registrationTables(csrc);
        // What JDK 25's own shared libraries define: a native neither they nor our archives
        // define is implemented by the VM (HotSpot binds it itself; SubstrateVM substitutes it).
        Set<String> jdk25 = new HashSet<>(Files.readAllLines(jdk25SymbolsFile));
        int byTable = 0, byVm = 0, bySymbol = 0;
        Set<String> covered = new TreeSet<>();
        for (ClassModel cm : all.values()) {
            String cn = cm.thisClass().asInternalName();
            boolean inScope = false;
            for (List<String> prefixes : libPackages.values()) {
                for (String p : prefixes) {
                    if (p.startsWith("!") ? false : (p.endsWith("/") ? cn.startsWith(p) && cn.indexOf('/', p.length()) < 0 : cn.equals(p))) inScope = true;
                }
            }
            for (List<String> prefixes : libPackages.values()) {
                for (String p : prefixes) if (p.startsWith("!") && cn.equals(p.substring(1))) inScope = false;
            }
            if (!inScope) continue;
            for (MethodModel m : cm.methods()) {
                if (!isNative(m)) continue;
                natives++;
                String shortName = "Java_" + mangle(cn) + "_" + mangle(m.methodName().stringValue());
                String desc = m.methodType().stringValue();
                String longName = shortName + "__" + mangle(desc.substring(1, desc.indexOf(')')));
                String member = cn.replace('/', '.') + "." + m.methodName().stringValue() + desc;
                if (defined.contains(shortName) || defined.contains(longName)) {
                    covered.add(cn);
                    bySymbol++;
                } else if (defined.contains("Java_" + mangle(cn) + "_registerNatives")
                        && tables.contains(m.methodName().stringValue() + " " + desc)) {
                    byTable++; // bound by the class's registerNatives from a JNINativeMethod table in the C
                } else if (!jdk25.contains(shortName) && !jdk25.contains(longName)) {
                    byVm++;
                    if (verbose) System.out.println("implemented by the VM: " + member);
                } else {
                    System.out.println("missing native: " + cn.replace('/', '.') + "." + m.methodName().stringValue() + desc + " (" + shortName + ")");
                    problems++;
                }
            }
        }

        // 2. Field and method IDs named in the C.
        Pattern call = Pattern.compile("Get(Static)?(Field|Method)ID\\s*\\(\\s*env\\s*,\\s*([^,]+?)\\s*,\\s*\"([^\"]+)\"\\s*,\\s*\"([^\"]+)\"");
        int ids = 0, resolved = 0;
        for (Path dir : csrc) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path f : (Iterable<Path>) s.filter(p -> p.toString().endsWith(".c"))::iterator) {
                    String text = Files.readString(f);
                    Matcher m = call.matcher(text);
                    while (m.find()) {
                        ids++;
                        boolean isStatic = m.group(1) != null, field = m.group(2).equals("Field");
                        String name = m.group(4), sig = m.group(5);
                        String owner = classOf(text, m.group(3), m.start());
                        if (owner == null && CLASS_PARAMETERS.contains(m.group(3).strip())) {
                            owner = enclosingNativeClass(text, m.start(), all.keySet());
                        }
                        String where = dir.relativize(f) + ":" + (1 + text.substring(0, m.start()).split("\n", -1).length - 1);
                        if (owner != null && all.containsKey(owner)) {
                            resolved++;
                            if (!hasMember(all, owner, name, sig, field, isStatic)) {
                                System.out.println("no member: " + where + " " + owner + "." + name + " " + sig
                                        + (isStatic ? " (static)" : ""));
                                problems++;
                            }
                        } else if (all.values().stream().noneMatch(c -> hasOwn(c, name, sig, field, isStatic))) {
                            System.out.println("no member in any class: " + where + " " + name + " " + sig);
                            problems++;
                        }
                    }
                }
            }
        }
        System.out.println("jni-check: " + natives + " native methods: " + bySymbol + " by symbol (" + covered.size()
                + " classes), " + byTable + " by registration tables, " + byVm + " implemented by the VM; "
                + ids + " field/method IDs in the C (" + resolved + " against their class, the rest against all classes), " + problems + " problem(s)");
        return problems == 0 ? 0 : 1;
    }

    /**
     * The class a Get*ID call's class argument names: the last "var = ...FindClass(env, "x")" for
     * that variable before the call (file-wide, as the JDK keeps them in statics), else null.
     */
    static String classOf(String text, String classArg, int pos) {
        String var = classArg.replaceAll("^\\(\\s*jclass\\s*\\)", "").strip();
        Pattern assign = Pattern.compile("\\b" + Pattern.quote(var) + "\\s*=\\s*(?:\\(\\s*jclass\\s*\\)\\s*)?(?:\\(\\*env\\)->|JNU_)?FindClass\\w*\\s*\\(\\s*env\\s*,\\s*\"([\\w/$]+)\"");
        Matcher m = assign.matcher(text.substring(0, pos));
        String last = null;
        while (m.find()) last = m.group(1);
        return last;
    }

    /** How the JDK's C names the class a static native (or an initIDs) is called on. */
    static final Set<String> CLASS_PARAMETERS = Set.of("cls", "clazz", "this", "thisClass", "klass");

    /**
     * The class of the Java_ function the position is in, when its mangled name splits into a
     * JDK 25 class and a method (tried from the longest class name down); else null.
     */
    static String enclosingNativeClass(String text, int pos, Set<String> classes) {
        Matcher m = Pattern.compile("\\bJava_(\\w+)\\s*\\(").matcher(text.substring(0, pos));
        String last = null;
        while (m.find()) last = m.group(1);
        if (last == null || last.contains("__")) return null;
        // Undo the escapes first (_0xxxx a character such as '$', _1 '_'), then split at '_'.
        Matcher esc = Pattern.compile("_0([0-9a-f]{4})").matcher(last);
        StringBuilder b = new StringBuilder();
        while (esc.find()) esc.appendReplacement(b, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(esc.group(1), 16))));
        esc.appendTail(b);
        String[] parts = b.toString().replace("_1", "\u0001").split("_");
        for (int cut = parts.length - 1; cut > 0; cut--) {
            String cn = String.join("/", java.util.Arrays.copyOf(parts, cut)).replace('\u0001', '_');
            if (classes.contains(cn)) return cn;
        }
        return null;
    }

    /** "name descriptor" of every JNINativeMethod table entry in the C, string macros expanded. */
    static Set<String> registrationTables(List<Path> csrc) throws IOException {
        Set<String> out = new HashSet<>();
        Pattern define = Pattern.compile("(?m)^#define\\s+(\\w+)\\s+((?:\"[^\"]*\"|\\s|\\w)+)$");
        Pattern entry = Pattern.compile("\\{\\s*\"(\\w+)\"\\s*,\\s*((?:\"[^\"]*\"|\\s|[A-Z_][A-Z0-9_]*)+?)\\s*,");
        for (Path dir : csrc) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path f : (Iterable<Path>) s.filter(p -> p.toString().endsWith(".c"))::iterator) {
                    String text = Files.readString(f);
                    Map<String, String> macros = new HashMap<>();
                    Matcher d = define.matcher(text);
                    while (d.find()) macros.put(d.group(1), d.group(2));
                    Matcher e = entry.matcher(text);
                    while (e.find()) {
                        String sig = expand(e.group(2), macros, 0);
                        if (sig != null && sig.startsWith("(")) out.add(e.group(1) + " " + sig);
                    }
                }
            }
        }
        return out;
    }

    static String expand(String tokens, Map<String, String> macros, int depth) {
        if (depth > 5) return null;
        StringBuilder b = new StringBuilder();
        Matcher t = Pattern.compile("\"([^\"]*)\"|(\\w+)").matcher(tokens);
        while (t.find()) {
            if (t.group(1) != null) {
                b.append(t.group(1));
            } else {
                String v = macros.get(t.group(2));
                if (v == null) return null;
                String x = expand(v, macros, depth + 1);
                if (x == null) return null;
                b.append(x);
            }
        }
        return b.toString();
    }

    static boolean hasOwn(ClassModel c, String name, String sig, boolean field, boolean isStatic) {
        if (field) {
            return c.fields().stream().anyMatch(f -> f.fieldName().stringValue().equals(name)
                    && f.fieldType().stringValue().equals(sig) && f.flags().has(AccessFlag.STATIC) == isStatic);
        }
        return c.methods().stream().anyMatch(mm -> mm.methodName().stringValue().equals(name)
                && mm.methodType().stringValue().equals(sig) && mm.flags().has(AccessFlag.STATIC) == isStatic);
    }

    /** A member of the class or, as JNI resolves IDs, of a superclass or interface. */
    static boolean hasMember(Map<String, ClassModel> all, String cn, String name, String sig, boolean field, boolean isStatic) {
        ClassModel c = all.get(cn);
        if (c == null) return false;
        if (hasOwn(c, name, sig, field, isStatic)) return true;
        if (c.superclass().isPresent() && hasMember(all, c.superclass().get().asInternalName(), name, sig, field, isStatic)) return true;
        for (var i : c.interfaces()) if (hasMember(all, i.asInternalName(), name, sig, field, isStatic)) return true;
        return false;
    }
}
