package dev.atom.web.internal;

import dev.atom.shared.web.ApiException;
import dev.atom.shared.web.FilterProblems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import tools.jackson.databind.json.JsonMapper;

/**
 * problem+json answers written by the security filters, which run before Spring MVC and its ProblemHandler.
 * Same shape as {@link dev.atom.shared.web.ProblemHandler}'s. Thread-safe.
 */
public final class ProblemResponses {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public void unauthorized(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        if (isOpenAiFace(request)) {
            boolean sent = request.getHeader("Authorization") != null;
            writeOpenAi(
                    response,
                    HttpStatus.UNAUTHORIZED,
                    sent
                            ? "Incorrect API key provided. Use a personal API token (atom_pat_...) of this Atom server."
                            : "You didn't provide an API key. Send a personal API token (atom_pat_...) as"
                                    + " 'Authorization: Bearer <token>'.",
                    sent ? "invalid_api_key" : null);
            return;
        }
        write(response, HttpStatus.UNAUTHORIZED, "unauthorized", "A valid bearer token is required");
    }

    public void forbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        if (isOpenAiFace(request)) {
            writeOpenAi(response, HttpStatus.FORBIDDEN, "You may not do this", null);
            return;
        }
        write(response, HttpStatus.FORBIDDEN, "forbidden", "You may not do this");
    }

    void write(HttpServletResponse response, ApiException e) throws IOException {
        write(response, e.status(), e.type(), e.getMessage());
    }

    /** The OpenAI-compatible face (/v1/**, dev.atom.ai.openai) answers in OpenAI's error format for its clients. */
    private static boolean isOpenAiFace(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/v1/");
    }

    private static void writeOpenAi(HttpServletResponse response, HttpStatus status, String message, String code)
            throws IOException {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", "invalid_request_error");
        error.put("param", null);
        error.put("code", code);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSON.writeValueAsString(Map.of("error", error)));
    }

    private static void write(HttpServletResponse response, HttpStatus status, String type, String detail)
            throws IOException {
        FilterProblems.write(response, status, type, detail);
    }
}
