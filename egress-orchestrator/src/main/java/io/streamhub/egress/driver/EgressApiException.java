package io.streamhub.egress.driver;

/** A LiveKit call failed (unreachable node, refused request); the message is recorded on the room. */
public class EgressApiException extends Exception {

    private static final long serialVersionUID = 1L;

    public EgressApiException(String message, Throwable cause) {
        super(message, cause);
    }

    public EgressApiException(String message) {
        super(message);
    }
}
