package io.streamhub.redis;

/** Redis could not be asked; callers use what they last knew. Carries no stack: it is routine. */
public class RedisUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RedisUnavailableException(String message) {
        super(message, null, false, false);
    }
}
