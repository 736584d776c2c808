package io.streamhub.tracker.protocol;

/** A request the tracker refuses; the message is the {@code failure reason} sent back. Stackless: it is routine. */
public class ProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Action action;
    private final String infoHash;

    public ProtocolException(String reason, Action action, String infoHash) {
        super(reason, null, false, false);
        this.action = action;
        this.infoHash = infoHash;
    }

    /** The request's action when it was readable, else {@code null}. */
    public Action action() {
        return action;
    }

    /** The request's info_hash when it was valid, else {@code null}. */
    public String infoHash() {
        return infoHash;
    }
}
