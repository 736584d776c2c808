package io.streamhub.nativebuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The libchelper headers written from the real builder jars compile as the builder compiles them. */
class CHeaderWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesEveryHeaderTheBuilderAsksFor() {
        Map<String, CHeaderWriter.Header> headers = CHeaderWriter.headers(BuilderJars.all());
        assertEquals(java.util.Set.of("include/amd64cpufeatures.h", "include/aarch64cpufeatures.h",
                "include/riscv64cpufeatures.h", "include/svm_locale.h"), headers.keySet());
        CHeaderWriter.Struct amd64 = headers.get("include/amd64cpufeatures.h").structs().get(0);
        assertEquals("CPUFeatures", amd64.name());
        assertEquals("char", amd64.members().get("fAVX2"));
        assertTrue(amd64.members().size() > 40, amd64.members().toString());
        CHeaderWriter.Header locale = headers.get("include/svm_locale.h");
        assertEquals("svm_locale_props_t", locale.structs().get(0).name());
        assertEquals("char *", locale.structs().get(0).members().get("display_language"));
        assertTrue(locale.constants().containsKey("SVM_LOCALE_INITIALIZATION_SUCCEEDED"));
    }

    @Test
    void theHeadersCompileWithTheBuildersWarningFlags() throws Exception {
        Properties values = new Properties();
        try (var in = CHeaderWriter.class.getResourceAsStream("/libchelper-constants.properties")) {
            values.load(in);
        }
        for (Map.Entry<String, CHeaderWriter.Header> header : CHeaderWriter.headers(BuilderJars.all()).entrySet()) {
            Path h = dir.resolve(header.getKey());
            Files.createDirectories(h.getParent());
            Files.writeString(h, CHeaderWriter.render(header.getKey(), header.getValue(), values));
            StringBuilder use = new StringBuilder("#include <stdio.h>\n#include <stddef.h>\n#include \"" + h + "\"\nint main(void) {\n");
            header.getValue().constants().keySet().forEach(c -> use.append("  printf(\"%d\\n\", (int) ").append(c).append(");\n"));
            header.getValue().structs().forEach(s -> s.members().keySet().forEach(m ->
                    use.append("  printf(\"%zu\\n\", offsetof(").append(s.name()).append(", ").append(m).append("));\n")));
            use.append("  return 0;\n}\n");
            Path c = dir.resolve(h.getFileName() + ".c");
            Files.writeString(c, use);
            Process gcc = new ProcessBuilder("gcc", "-Wall", "-Werror", "-o", dir.resolve("query").toString(), c.toString())
                    .redirectErrorStream(true).start();
            String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, gcc.waitFor(), header.getKey() + ": " + output);
        }
    }

    @Test
    void aConstantWithoutAKnownValueFailsByName() throws IOException {
        CHeaderWriter.Header header = new CHeaderWriter.Header(Map.of("SVM_UNKNOWN", "int"), java.util.List.of());
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> CHeaderWriter.render("include/x.h", header, new Properties()));
        assertTrue(e.getMessage().contains("SVM_UNKNOWN"), e.getMessage());
    }
}
