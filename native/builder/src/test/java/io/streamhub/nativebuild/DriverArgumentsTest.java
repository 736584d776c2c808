package io.streamhub.nativebuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Quarkus-shaped command line on real jars: a runner jar whose manifest names its libraries. */
class DriverArgumentsTest {

    @TempDir
    Path dir;
    private DriverArguments driver;

    @BeforeEach
    void setUp() throws IOException {
        driver = new DriverArguments(BuilderJars.options(), dir);
        jar(dir.resolve("lib/netty.jar"), null, Map.of(
                "META-INF/native-image/io.netty/codec/native-image.properties",
                "Args = --initialize-at-run-time=io.netty.A \\\n       --initialize-at-build-time=io.netty\n",
                "META-INF/native-image/io.netty/codec/generated/reflect-config.json", "[]",
                "META-INF/native-image/io.netty/codec/resource-config.json", "{}"));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "io.quarkus.runner.GeneratedMain");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, "lib/netty.jar");
        manifest.getMainAttributes().putValue("Add-Opens", "java.base/java.lang");
        jar(dir.resolve("app-runner.jar"), manifest, Map.of());
    }

    @Test
    void translatesAQuarkusCommandLine() {
        BuildRequest request = driver.parse(List.of("-J-Dfile.encoding=UTF-8", "-H:+AllowFoldMethods",
                "--no-fallback", "--features=a.F", "-O2", "app-runner", "-jar", "app-runner.jar"));
        assertEquals("app-runner", request.imageName);
        assertEquals("io.quarkus.runner.GeneratedMain", request.mainClass);
        assertEquals(List.of(dir.resolve("app-runner.jar"), dir.resolve("lib/netty.jar")), request.classPath);
        assertEquals(List.of("-Dfile.encoding=UTF-8"), request.jvmArguments);
        List<String> args = request.builderArguments;
        assertTrue(args.contains("-H:+AllowFoldMethods"), args.toString());
        assertTrue(args.contains("-H:FallbackThreshold=0"), args.toString());
        assertTrue(args.contains("-H:Features=a.F"), args.toString());
        assertTrue(args.contains("-H:Optimize=2"), args.toString());
        assertTrue(args.contains("-H:AddOpens=java.base/java.lang=ALL-UNNAMED"), args.toString());
        // what the library says of itself under META-INF/native-image
        assertTrue(args.contains("-H:ClassInitialization=io.netty.A:run_time"), args.toString());
        assertTrue(args.contains("-H:ClassInitialization=io.netty:build_time"), args.toString());
        assertTrue(args.contains("-H:ReflectionConfigurationResources="
                + "META-INF/native-image/io.netty/codec/generated/reflect-config.json"), args.toString());
        assertTrue(args.contains("-H:ResourceConfigurationResources=META-INF/native-image/io.netty/codec/resource-config.json"));
        // every derived option is unlocked for itself alone
        int derived = args.indexOf("-H:FallbackThreshold=0");
        assertEquals(DriverArguments.UNLOCK, args.get(derived - 1));
        assertEquals(DriverArguments.RELOCK, args.get(derived + 1));
    }

    @Test
    void namesTheImageAsNativeImageDoes() {
        assertEquals("app-runner", driver.parse(List.of("-jar", "app-runner.jar")).imageName);
        assertEquals("named", driver.parse(List.of("-jar", "app-runner.jar", "named")).imageName);
        BuildRequest classic = driver.parse(List.of("-cp", "classes", "Hello", "hello"));
        assertEquals("Hello", classic.mainClass);
        assertEquals("hello", classic.imageName);
        BuildRequest unnamed = driver.parse(List.of("-cp", "classes", "a.Main"));
        assertEquals("a.Main", unnamed.mainClass);
        assertEquals("a.main", unnamed.imageName);
        assertEquals("out", driver.parse(List.of("-cp", "classes", "-o", "out", "a.Main")).imageName);
    }

    @Test
    void excludeConfigDropsOneFileOfOneJar() {
        BuildRequest request = driver.parse(List.of("--exclude-config", "netty\\.jar",
                "/META-INF/native-image/io\\.netty/codec/generated/reflect-config\\.json", "-jar", "app-runner.jar"));
        assertFalse(request.builderArguments.stream().anyMatch(a -> a.startsWith("-H:ReflectionConfigurationResources")));
        assertTrue(request.builderArguments.stream().anyMatch(a -> a.startsWith("-H:ResourceConfigurationResources")));
    }

    @Test
    void refusesWhatItCannotTranslate() {
        assertRefused("unsupported native-image option: --bogus", "--bogus", "-jar", "app-runner.jar");
        assertRefused("unsupported native-image option: -Z", "-Z", "-jar", "app-runner.jar");
        assertRefused("-J must be followed", "-J", "-jar", "app-runner.jar");
        assertRefused("-jar requires a jar file", "-jar", "missing.jar");
        assertRefused("-jar needs an argument", "-jar");
        assertRefused("not a regular expression", "--exclude-config", "(", "x", "-jar", "app-runner.jar");
        assertRefused("a second image name", "one", "two", "-jar", "app-runner.jar");
        assertRefused("a second image name: three", "-cp", "classes", "Main", "two", "three");
        assertRefused("a second image name: two", "-cp", "classes", "-o", "one", "Main", "two");
        assertRefused("--features needs a value", "--features", "-jar", "app-runner.jar");
    }

    @Test
    void refusesAnOptionALibraryPassesThatCannotBeTranslated() throws IOException {
        jar(dir.resolve("lib/netty.jar"), null, Map.of("META-INF/native-image/x/native-image.properties",
                "Args = --no-such-thing"));
        assertRefused("unsupported native-image option: --no-such-thing", "-jar", "app-runner.jar");
    }

    @Test
    void nothingToBuildIsAClearError() {
        BuildRequest request = driver.parse(List.of("--no-fallback"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BuilderCommand.generatorArguments(BuilderHome.of(dir), request, dir));
        assertTrue(e.getMessage().contains("nothing to build"), e.getMessage());
    }

    private void assertRefused(String reason, String... args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> driver.parse(List.of(args)));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    private static void jar(Path path, Manifest manifest, Map<String, String> files) throws IOException {
        Files.createDirectories(path.getParent());
        try (OutputStream out = Files.newOutputStream(path);
             JarOutputStream jar = manifest == null ? new JarOutputStream(out) : new JarOutputStream(out, manifest)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                jar.putNextEntry(new JarEntry(file.getKey()));
                jar.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
        }
    }
}
