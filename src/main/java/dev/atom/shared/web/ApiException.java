package dev.atom.shared.web;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * An error a client caused or must know about, mapped to problem+json by {@link ProblemHandler}. The message
 * is shown to the client, so it must never carry secrets or internals.
 */
public class ApiException extends RuntimeException {
    private final HttpStatus status;
    private final String type;
    private final List<FieldError> errors;

    public ApiException(HttpStatus status, String type, String message, List<FieldError> errors) {
        super(message);
        this.status = status;
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    public ApiException(HttpStatus status, String type, String message) {
        this(status, type, message, List.of());
    }

    public HttpStatus status() {
        return status;
    }

    /** A short slug; the problem type URI is {@code https://atom.dev/problems/<type>}. */
    public String type() {
        return type;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** One bad field: its JSON path ({@code dueAt}, {@code steps[2].input.channel}) and what is wrong. */
    public record FieldError(String field, String message) {}

    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, "not-found", what + " not found");
    }

    public static ApiException invalid(List<FieldError> errors) {
        return new ApiException(HttpStatus.BAD_REQUEST, "validation", "The request has invalid fields", errors);
    }

    public static ApiException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static ApiException forbidden(String message) {
        return new ApiException(HttpStatus.FORBIDDEN, "forbidden", message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(HttpStatus.CONFLICT, "conflict", message);
    }
}
