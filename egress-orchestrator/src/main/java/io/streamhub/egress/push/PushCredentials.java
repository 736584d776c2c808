package io.streamhub.egress.push;

import io.streamhub.egress.config.OrchestratorConfig;
import io.streamhub.egress.driver.EgressApiException;
import io.streamhub.egress.driver.S3Upload;
import io.streamhub.shared.app.EffectiveAppConfig;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * An app's push target with the access key of the Secret it names
 * ({@code distribution.push.s3.credentials_secret}). Each Secret is mounted by the chart as a folder
 * {@code <credentials-dir>/<secret>/} holding {@code access_key_id} and {@code secret_access_key}; it
 * is read on every start, so a rotated Secret takes effect with the next egress and no restart.
 */
@Singleton
public class PushCredentials {

    /** A Kubernetes Secret name (DNS-1123 subdomain): nothing that can climb out of the folder. */
    private static final Pattern SECRET_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
    public static final String ACCESS_KEY_FILE = "access_key_id";
    public static final String SECRET_KEY_FILE = "secret_access_key";

    private final Path dir;

    public PushCredentials(OrchestratorConfig config) {
        this.dir = Path.of(config.push().credentialsDir()).toAbsolutePath().normalize();
    }

    /** The upload for an app's target; a clear error when the Secret is not mounted or not valid. */
    public S3Upload upload(EffectiveAppConfig.S3Push target) throws EgressApiException {
        String secret = target.credentialsSecret();
        if (!SECRET_NAME.matcher(secret).matches() || secret.contains("..")) {
            throw new EgressApiException("push: '" + secret + "' is not a Secret name");
        }
        Path folder = dir.resolve(secret);
        String access = read(folder, ACCESS_KEY_FILE, secret);
        String key = read(folder, SECRET_KEY_FILE, secret);
        return new S3Upload(target.bucket(), target.region(), target.endpoint(), access, key, target.endpoint().isPresent());
    }

    private String read(Path folder, String file, String secret) throws EgressApiException {
        try {
            String v = Files.readString(folder.resolve(file)).strip();
            if (v.isEmpty()) {
                throw new EgressApiException("push: Secret '" + secret + "' has an empty " + file);
            }
            return v;
        } catch (IOException e) {
            throw new EgressApiException("push: no " + file + " of Secret '" + secret + "' under " + dir
                    + " (list the Secret in the chart's orchestrator.push.secrets so it is mounted)");
        }
    }
}
