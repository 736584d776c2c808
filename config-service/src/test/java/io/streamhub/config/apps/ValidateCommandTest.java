package io.streamhub.config.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pre-merge check a GitOps pipeline runs: exit code and the same messages. */
class ValidateCommandTest {

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
        return ValidateCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void validFolderExitsZero() {
        assertEquals(0, run("../examples/apps"));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("ok: 7 app(s) valid [classroom, demo, festival, newsroom, plain, radio, shop]"));
    }

    @Test
    void invalidFolderExitsOneWithFileLineAndField(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("shop.yaml"), "app: shop\ndistribution:\n  mode: p2p\n  p2p:\n    enabled: true\n  playback:\n    signed: true\n");
        assertEquals(1, run(dir.toString()));
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains("shop.yaml:5: distribution.p2p.enabled: P2P is forbidden with signed playback"), e);
        assertTrue(e.contains("1 problem(s); nothing would be applied"), e);
    }

    @Test
    void aWarningIsPrintedAndTheFolderStillPasses(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("mesh.yaml"), "app: mesh\ndistribution:\n  mode: p2p\n  p2p:\n    enabled: true\n"
                + "    trackers: [wss://tracker.example.com/announce]\n    ice_servers: []\n");
        assertEquals(0, run(dir.toString()));
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains("warning: mesh.yaml:7: distribution.p2p.ice_servers: is empty while viewers come from a public host (tracker.example.com)"), e);
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("ok: 1 app(s) valid"));
    }

    @Test
    void misuseExitsTwo() {
        assertEquals(2, run());
        assertEquals(2, run("/no/such/folder"));
    }
}
