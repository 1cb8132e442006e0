package dev.atom.ai;

/**
 * A gateway failure the caller must see, in terms the OpenAI face maps to its error format
 * ({@code {"error":{"message","type","code"}}}) and Atom's own API maps to problem+json. The message is shown to
 * the client: it must never contain a key.
 */
public class AiGatewayException extends RuntimeException {
    private final int status;
    private final String type;
    private final String code;

    public AiGatewayException(int status, String type, String code, String message) {
        super(message);
        this.status = status;
        this.type = type;
        this.code = code;
    }

    /** HTTP status: 400 bad request, 401/403 provider refused the key, 402 over budget, 404 no such model, 429, 502, 503. */
    public int status() {
        return status;
    }

    /** OpenAI error type: invalid_request_error, authentication_error, rate_limit_error, api_error, budget_exceeded. */
    public String type() {
        return type;
    }

    /** A stable machine code: model_not_found, no_usable_key, budget_exceeded, context_length_exceeded... */
    public String code() {
        return code;
    }
}
