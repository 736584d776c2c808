package io.streamhub.shared.app;

/** A published config that cannot be read as an {@link EffectiveAppConfig}: readers keep what they last knew. */
public class AppConfigFormatException extends AppConfigUnavailableException {

    private static final long serialVersionUID = 1L;

    public AppConfigFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    public AppConfigFormatException(String message) {
        super(message);
    }
}
