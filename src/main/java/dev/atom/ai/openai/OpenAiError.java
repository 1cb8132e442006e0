package dev.atom.ai.openai;

import dev.atom.ai.AiGatewayException;

/**
 * An error answered in OpenAI's format, {@code {"error":{"message","type","param","code"}}} (see the API
 * reference's "Error codes" page: 400 invalid_request_error, 401 for keys, 404 unknown URL or model, 429, 500
 * api_error). The message is shown to the client and never contains a key.
 */
final class OpenAiError extends RuntimeException {
    final int status;
    final String type;
    final String param;
    final String code;

    OpenAiError(int status, String type, String param, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
    }

    static OpenAiError invalid(String param, String code, String message) {
        return new OpenAiError(400, "invalid_request_error", param, code, message);
    }

    static OpenAiError missing(String param) {
        return invalid(param, "missing_required_parameter", "Missing required parameter: '" + param + "'.");
    }

    static OpenAiError wrongType(String param, String expected) {
        return invalid(param, "invalid_type", "Invalid type for '" + param + "': expected " + expected + ".");
    }

    static OpenAiError unparsable() {
        return invalid(
                null,
                null,
                "We could not parse the JSON body of your request. The body must be a JSON object sent with"
                        + " Content-Type: application/json.");
    }

    static OpenAiError of(AiGatewayException e) {
        return new OpenAiError(e.status(), e.type(), null, e.code(), e.getMessage());
    }
}
