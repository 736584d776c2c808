package io.streamhub.helm;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A values file with a mistake never renders: values.schema.json (additionalProperties: false at
 * every level) or a template's {@code required} refuses it, naming the key and what is wrong.
 */
class ValuesSchemaTest {

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("a misspelt top-level key", "routr:\n  mode: distributed\n",
                        "Additional property routr is not allowed"),
                Arguments.of("a misspelt nested key", "tracker:\n  maxConection: 10\n",
                        "tracker: Additional property maxConection is not allowed"),
                Arguments.of("an unknown router mode", "router:\n  mode: origin-only\n",
                        "router.mode: router.mode must be one of the following: \"distributed\", \"all-in-one\""),
                Arguments.of("a number as text", "tracker:\n  replicas: two\n",
                        "tracker.replicas: Invalid type. Expected: integer, given: string"),
                Arguments.of("no replicas at all", "router:\n  master:\n    replicas: 0\n",
                        "router.master.replicas: Must be greater than or equal to 1"),
                Arguments.of("a proxy named rather than addressed (names are never resolved)", "clientAddress:\n  trustedProxies: [ingress-nginx]\n",
                        "clientAddress.trustedProxies.0: Does not match pattern"),
                Arguments.of("a CDN URL without a scheme", "publicUrls:\n  hls: cdn.example.com\n",
                        "publicUrls.hls: Does not match pattern"),
                Arguments.of("a privileged port", "configService:\n  port: 80\n",
                        "configService.port: Must be greater than or equal to 1024"),
                Arguments.of("an app file name that is no app", "configService:\n  apps:\n    values:\n      ../etc.yaml: \"app: x\"\n",
                        "Does not match pattern"),
                Arguments.of("requests missing", "tracker:\n  resources:\n    requests: null\n",
                        "tracker.resources: requests is required"),
                Arguments.of("an external Redis without an address", "redis:\n  mode: external\n",
                        "redis.external.url or redis.external.existingSecret is required when redis.mode is external"),
                Arguments.of("a Sentinel set too small to keep a majority", "redis:\n  builtin:\n    topology: sentinel\n    sentinel:\n      replicas: 2\n",
                        "redis.builtin.sentinel.replicas: Must be greater than or equal to 3"),
                Arguments.of("a quorum no majority of the set can reach", "redis:\n  builtin:\n    topology: sentinel\n    sentinel:\n      quorum: 4\n",
                        "redis.builtin.sentinel.quorum must be between 2 and redis.builtin.sentinel.replicas"),
                Arguments.of("an unknown Redis topology", "redis:\n  builtin:\n    topology: cluster\n",
                        "redis.builtin.topology must be one of the following: \"standalone\", \"sentinel\""),
                Arguments.of("Sentinel URLs separated by spaces", "redis:\n  mode: external\n  external:\n    topology: sentinel\n    url: \"redis://a:26379 redis://b:26379\"\n",
                        "redis.external.url: Does not match pattern"),
                Arguments.of("a Git source without a repository", "configService:\n  apps:\n    source: git\n",
                        "configService.apps.git.uri is required when configService.apps.source is git"),
                Arguments.of("a ConfigMap source without its name", "configService:\n  apps:\n    source: configMap\n",
                        "configService.apps.existingConfigMap is required when configService.apps.source is configMap"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void isRefusedWithAClearMessage(String what, String values, String expected, @TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("values.yaml"), values);
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Chart.template(file), what);
        assertTrue(refused.getMessage().contains(expected), () -> what + ": expected '" + expected + "' in\n" + refused.getMessage());
    }
}
