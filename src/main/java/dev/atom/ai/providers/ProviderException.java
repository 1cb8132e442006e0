package dev.atom.ai.providers;

import java.time.Duration;

/**
 * A provider call that failed, classified so the gateway knows whether to try the next candidate:
 * {@link Retriable} (429, 5xx, 529 overloaded, timeouts, connection resets) or {@link Permanent} (400, 401,
 * 403, 404 model not found), with {@link ContextTooLong} as the permanent error that may move to a model with
 * a larger window. Messages name what failed and never contain a key.
 */
public abstract sealed class ProviderException extends Exception
        permits ProviderException.Retriable, ProviderException.Permanent {

    private final int status;
    private final String code;

    protected ProviderException(int status, String code, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
    }

    /** The provider's HTTP status, or 0 when no answer came (timeout, reset, unreachable). */
    public int status() {
        return status;
    }

    /** A stable code: rate_limited, overloaded, server_error, timeout, connection_reset, unreachable,
     * invalid_api_key, permission_denied, insufficient_quota, model_not_found, bad_request,
     * context_length_exceeded, invalid_response (a malformed answer; retriable). */
    public String code() {
        return code;
    }

    public static final class Retriable extends ProviderException {
        private final Duration retryAfter;

        public Retriable(int status, String code, String message, Duration retryAfter, Throwable cause) {
            super(status, code, message, cause);
            this.retryAfter = retryAfter;
        }

        /** The provider's Retry-After, or null when it gave none. */
        public Duration retryAfter() {
            return retryAfter;
        }
    }

    public static sealed class Permanent extends ProviderException permits ContextTooLong {
        public Permanent(int status, String code, String message, Throwable cause) {
            super(status, code, message, cause);
        }
    }

    public static final class ContextTooLong extends Permanent {
        public ContextTooLong(int status, String message) {
            super(status, "context_length_exceeded", message, null);
        }
    }
}
