package io.streamhub.nativebuild;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.function.Consumer;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/** The classes of a builder jar, parsed one at a time (never loaded: they are the builder's own). */
final class JarClasses {

    private JarClasses() {
    }

    static void forEach(Path jar, Consumer<ClassModel> action) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                // META-INF/versions holds copies for other JDKs: the base classes are the ones in use.
                if (entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/")) {
                    try (InputStream in = file.getInputStream(entry)) {
                        action.accept(ClassFile.of().parse(in.readAllBytes()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read builder jar " + jar, e);
        }
    }
}
