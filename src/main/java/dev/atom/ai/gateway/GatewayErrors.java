package dev.atom.ai.gateway;

import dev.atom.ai.AiGatewayException;
import dev.atom.ai.providers.ProviderException;
import dev.atom.ai.routing.Candidate;

/** Provider failures as the gateway's errors: the provider's status and code, with who failed in the message. */
final class GatewayErrors {
    private GatewayErrors() {}

    /** A permanent error (or the last retriable one) as the caller sees it. */
    static AiGatewayException of(ProviderException e, Candidate c) {
        int status = e.status();
        if (e instanceof ProviderException.Retriable) {
            status = switch (e.status()) {
                case 429 -> 429;
                case 503, 529 -> 503;
                default -> 502;
            };
        } else if (status < 400 || status >= 600) {
            status = 502;
        }
        return new AiGatewayException(
                status,
                type(status, e.code()),
                e.code(),
                c.model().id() + " (" + c.model().provider() + ") failed: " + e.getMessage());
    }

    private static String type(int status, String code) {
        if ("insufficient_quota".equals(code)) {
            return "insufficient_quota";
        }
        return switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }
}
