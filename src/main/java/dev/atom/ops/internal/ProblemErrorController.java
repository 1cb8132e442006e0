package dev.atom.ops.internal;

import dev.atom.shared.web.ProblemHandler;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Boot's /error (a JSON map or the Whitelabel page) for errors that happen outside Spring MVC: a
 * filter's {@code sendError}, Spring Security's 401/403, a failure in a filter. The answer is always
 * problem+json with the status and the request id, never an exception message or a stack trace.
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        HttpStatus status = status(request);
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setType(URI.create(ProblemHandler.TYPE_BASE + slug(status)));
        if (status.is5xxServerError()) {
            problem.setDetail("Something went wrong on our side; quote the request id.");
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemHandler.withRequestId(problem));
    }

    private static HttpStatus status(HttpServletRequest request) {
        if (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code) {
            HttpStatus status = HttpStatus.resolve(code);
            if (status != null && status.isError()) {
                return status;
            }
        }
        return HttpStatus.INTERNAL_SERVER_ERROR;
    }

    private static String slug(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "not-found";
            case UNAUTHORIZED -> "unauthorized";
            case FORBIDDEN -> "forbidden";
            default -> status.is5xxServerError() ? "internal" : "http-" + status.value();
        };
    }
}
