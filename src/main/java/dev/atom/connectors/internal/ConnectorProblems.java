package dev.atom.connectors.internal;

import dev.atom.connectors.ConnectorException;
import dev.atom.shared.web.ApiException;
import dev.atom.shared.web.ProblemHandler;
import java.net.URI;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * Connector failures as problem+json: invalid input 400 naming each field; retriable 503 with Retry-After
 * when the service gave one (or rate-limited us), else 502; permanent 422 with the service's message and
 * status; not found at the service 404 naming what and the input field; needs-reconnect 424 with why (the
 * connection is already marked).
 */
final class ConnectorProblems {
    private ConnectorProblems() {}

    static ResponseEntity<Object> of(ConnectorException e, String fieldPrefix) {
        return switch (e) {
            case ConnectorException.InvalidInput invalid -> {
                var errors = invalid.problems().stream()
                        .map(p -> new ApiException.FieldError(
                                p.field().isEmpty() ? "input" : fieldPrefix + p.field(), p.message()))
                        .toList();
                ApiException api = ApiException.invalid(errors);
                ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "validation", api.getMessage());
                problem.setProperty("errors", errors);
                yield ResponseEntity.badRequest().body(problem);
            }
            case ConnectorException.Retriable retriable -> {
                boolean later = retriable.retryAfter().isPresent() || retriable.status() == 429;
                HttpStatus status = later ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_GATEWAY;
                ProblemDetail problem = problem(status, "service-unavailable", retriable.getMessage());
                if (retriable.status() > 0) {
                    problem.setProperty("serviceStatus", retriable.status());
                }
                var response = ResponseEntity.status(status);
                retriable.retryAfter().ifPresent(d -> response.header("Retry-After", String.valueOf(seconds(d))));
                yield response.body(problem);
            }
            case ConnectorException.NotFound notFound -> {
                ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "service-not-found", notFound.getMessage());
                problem.setProperty("serviceStatus", notFound.status());
                problem.setProperty("what", notFound.what());
                notFound.field().ifPresent(f -> problem.setProperty("field", fieldPrefix + f));
                yield ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
            }
            case ConnectorException.Permanent permanent -> {
                ProblemDetail problem =
                        problem(HttpStatus.UNPROCESSABLE_CONTENT, "service-refused", permanent.getMessage());
                if (permanent.status() > 0) {
                    problem.setProperty("serviceStatus", permanent.status());
                }
                yield ResponseEntity.unprocessableContent().body(problem);
            }
            case ConnectorException.NeedsReconnect reconnect -> {
                ProblemDetail problem =
                        problem(HttpStatus.FAILED_DEPENDENCY, "needs-reconnect", reconnect.getMessage());
                yield ResponseEntity.status(HttpStatus.FAILED_DEPENDENCY).body(problem);
            }
        };
    }

    private static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }

    private static ProblemDetail problem(HttpStatus status, String type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(ProblemHandler.TYPE_BASE + type));
        problem.setTitle(status.getReasonPhrase());
        return ProblemHandler.withRequestId(problem);
    }
}
