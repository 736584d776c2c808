package io.streamhub.shared.app;

/**
 * A config written in a newer wire format than this process understands, as during a rolling upgrade
 * where config-service moved first. Readers keep the last config they knew for the app: they never
 * misread the new format, and never take it for "no config" (which would stop egress or P2P).
 */
public class UnsupportedConfigVersionException extends AppConfigFormatException {

    private static final long serialVersionUID = 1L;

    private final int version;

    public UnsupportedConfigVersionException(int version) {
        super("config wire format version " + version + " is newer than this service understands (" + EffectiveAppConfig.VERSION
                + "); upgrade this service");
        this.version = version;
    }

    public int version() {
        return version;
    }
}
