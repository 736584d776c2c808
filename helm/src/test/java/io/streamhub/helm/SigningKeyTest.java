package io.streamhub.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every config-service replica signs viewer tickets with one key: a Secret the chart generates, or the operator's own. */
class SigningKeyTest {

    static EnvVar signingKey(List<HasMetadata> objects) {
        return Chart.podOf(objects, Chart.RELEASE + "-config-service").getContainers().get(0).getEnv().stream()
                .filter(e -> e.getName().equals("STREAMHUB_CONFIG_SIGNING_KEY")).findFirst().orElseThrow();
    }

    static List<Secret> signingSecrets(List<HasMetadata> objects) {
        return objects.stream().filter(o -> o instanceof Secret && o.getMetadata().getName().endsWith("-config-service-signing"))
                .map(Secret.class::cast).toList();
    }

    @Test
    void theChartGeneratesTheKeyAndEveryReplicaReadsIt() {
        List<HasMetadata> objects = Chart.objects(Chart.template());
        List<Secret> secrets = signingSecrets(objects);
        assertEquals(1, secrets.size());
        String key = new String(Base64.getDecoder().decode(secrets.get(0).getData().get("signing-key")), StandardCharsets.UTF_8);
        assertTrue(key.matches("[A-Za-z0-9]{48}"), "48 random letters and digits: " + key);
        EnvVar env = signingKey(objects);
        assertEquals(secrets.get(0).getMetadata().getName(), env.getValueFrom().getSecretKeyRef().getName());
        assertEquals("signing-key", env.getValueFrom().getSecretKeyRef().getKey());
        // Without a cluster to look up, each render draws a new key; `helm upgrade` keeps the installed one (lookup).
        String again = signingSecrets(Chart.objects(Chart.template())).get(0).getData().get("signing-key");
        assertTrue(!again.equals(secrets.get(0).getData().get("signing-key")), "a fresh key per new install");
    }

    @Test
    void anOperatorsOwnSecretReplacesTheGeneratedOne(@TempDir Path dir) throws IOException {
        Path own = Files.writeString(dir.resolve("own.yaml"), "configService: {signingKeySecret: my-signing-key}\n");
        List<HasMetadata> objects = Chart.objects(Chart.template(own));
        assertEquals(List.of(), signingSecrets(objects));
        assertEquals("my-signing-key", signingKey(objects).getValueFrom().getSecretKeyRef().getName());
    }
}
