package io.streamhub.nativebuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The --name options as the real builder jars declare them, translated as the driver would. */
class ApiOptionTableTest {

    private static String translate(String name, String value) {
        return BuilderJars.options().find(name).orElseThrow().builderArgument(value);
    }

    @Test
    void readsTheBuildersOwnDeclarations() {
        assertTrue(BuilderJars.options().size() > 50, "found " + BuilderJars.options().size());
        assertTrue(BuilderJars.options().find("no-such-option").isEmpty());
    }

    @Test
    void aFixedValueOptionPassesItsValue() {
        assertEquals("-H:FallbackThreshold=0", translate("no-fallback", null));
        assertThrows(IllegalArgumentException.class, () -> translate("no-fallback", "3"));
    }

    @Test
    void classInitialisationGetsItsPhasePerElement() {
        assertEquals("-H:ClassInitialization=io.netty:build_time", translate("initialize-at-build-time", "io.netty"));
        assertEquals("-H:ClassInitialization=a.B:run_time,c.D:run_time", translate("initialize-at-run-time", "a.B,c.D"));
    }

    @Test
    void valuedOptionsTakeTheUsersValueOrTheirDefault() {
        assertEquals("-H:Features=a.F,b.G", translate("features", "a.F,b.G"));
        assertEquals("-H:EnableURLProtocols=http,https", translate("enable-url-protocols", "http,https"));
        assertEquals("-H:EnableMonitoringFeatures=heapdump", translate("enable-monitoring", "heapdump"));
        assertEquals("-H:EnableNativeAccess=ALL-UNNAMED", translate("enable-native-access", "ALL-UNNAMED"));
        assertTrue(translate("link-at-build-time", null).startsWith("-H:LinkAtBuildTime="));
    }

    @Test
    void aValuedOptionWithoutValueOrDefaultIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> translate("features", null));
    }
}
