package dev.atom.shared.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * problem+json written by servlet filters, which answer before Spring MVC and {@link ProblemHandler} run:
 * the same shape (type, title, status, detail, requestId). Thread-safe.
 */
public final class FilterProblems {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private FilterProblems() {}

    public static void write(HttpServletResponse response, HttpStatus status, String type, String detail)
            throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", ProblemHandler.TYPE_BASE + type);
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        String requestId = MDC.get(ProblemHandler.REQUEST_ID);
        if (requestId != null) {
            problem.put(ProblemHandler.REQUEST_ID, requestId);
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSON.writeValueAsString(problem));
    }
}
