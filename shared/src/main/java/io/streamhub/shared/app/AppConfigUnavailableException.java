package io.streamhub.shared.app;

/**
 * Nothing can be decided on an app right now: its config is missing from Redis while the app index
 * does not say it was removed, or it cannot be read, and this process has read no config of the app
 * before. Readers act on nothing for the app (the tracker answers 503, the orchestrator leaves its
 * rooms as they are) until config-service rewrites the key, which it does on every poll.
 */
public class AppConfigUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AppConfigUnavailableException(String message) {
        super(message);
    }

    public AppConfigUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
