package dev.atom.ai.openai;

import dev.atom.ai.AiGatewayException;
import dev.atom.shared.web.ApiException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.databind.json.JsonMapper;

/**
 * Errors of the OpenAI face in OpenAI's format instead of problem+json (ahead of the global ProblemHandler,
 * for this package's controller only). 401s for missing or bad tokens come from the security layer, which
 * writes the same shape for /v1/** paths.
 */
@RestControllerAdvice(assignableTypes = OpenAiController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class OpenAiErrorAdvice {
    private static final Logger log = LoggerFactory.getLogger(OpenAiErrorAdvice.class);
    private final OpenAiJson json;

    OpenAiErrorAdvice(JsonMapper mapper) {
        this.json = new OpenAiJson(mapper);
    }

    @ExceptionHandler(OpenAiError.class)
    void openAi(OpenAiError e, HttpServletResponse response) throws IOException {
        json.writeError(response, e);
    }

    @ExceptionHandler(AiGatewayException.class)
    void gateway(AiGatewayException e, HttpServletResponse response) throws IOException {
        String param = "model_not_found".equals(e.code()) ? "model" : null;
        json.writeError(response, new OpenAiError(e.status(), e.type(), param, e.code(), e.getMessage()));
    }

    @ExceptionHandler(ApiException.class)
    void api(ApiException e, HttpServletResponse response) throws IOException {
        String param = e.errors().isEmpty() ? null : e.errors().getFirst().field();
        String type = e.status().value() == 401 ? "authentication_error" : "invalid_request_error";
        json.writeError(response, new OpenAiError(e.status().value(), type, param, e.type(), e.getMessage()));
    }

    @ExceptionHandler(Exception.class)
    void unexpected(Exception e, HttpServletResponse response) throws IOException {
        log.error("unhandled error in the OpenAI face", e);
        if (response.isCommitted()) {
            return; // mid-stream: nothing more can be said
        }
        json.writeError(
                response,
                new OpenAiError(
                        500,
                        "api_error",
                        null,
                        null,
                        "The server had an error while processing your request; quote the x-request-id header."));
    }
}
