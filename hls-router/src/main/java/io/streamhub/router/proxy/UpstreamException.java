package io.streamhub.router.proxy;

/**
 * An upstream could not give us the object: {@code status} is what the viewer gets when no stale
 * copy is left (502 bad gateway, 503 directory unavailable, 504 timeout). Stackless: it is routine.
 */
public class UpstreamException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public UpstreamException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
