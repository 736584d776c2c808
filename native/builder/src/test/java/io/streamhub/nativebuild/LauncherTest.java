package io.streamhub.nativebuild;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** `native-image --version` in the shape Quarkus 3.33 parses (GraalVM's three lines). */
class LauncherTest {

    @Test
    void versionTextHasGraalVmsThreeLines() {
        String[] lines = Launcher.versionText(Runtime.Version.parse("25.0.3+9-LTS")).split("\n");
        assertTrue(Pattern.matches("native-image 25\\.0\\.2 .*", lines[0]), lines[0]);
        // the JDK build must parse as a Runtime.Version and carry the builder line after "jvmci-"
        var second = Pattern.compile("(.* Runtime Environment) (?<vendor>.*) \\([^)]*build (?<build>.*)\\)$").matcher(lines[1]);
        assertTrue(second.matches(), lines[1]);
        Runtime.Version.parse(second.group("build"));
        assertTrue(second.group("vendor").startsWith("GraalVM CE 25.0.2+"), second.group("vendor"));
        assertTrue(Pattern.matches(".* VM .* \\([^)]*build .*\\)$", lines[2]), lines[2]);
    }
}
