package dev.atom.connectors;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What can go wrong in a connector, as a closed set the engine and the web layer switch on: retry later
 * ({@link Retriable}), do not retry ({@link Permanent}, {@link InvalidInput}), or the user must reconnect
 * ({@link NeedsReconnect}). Messages are shown to users: never put a secret in one.
 */
public abstract sealed class ConnectorException extends RuntimeException {

    ConnectorException(String message) {
        super(message, null, false, false);
    }

    /** 429, 5xx, timeouts, refused connections: try again, not before {@link #retryAfter()} when given. */
    public static final class Retriable extends ConnectorException {
        private final int status;
        private final Duration retryAfter;

        public Retriable(int status, String message, Duration retryAfter) {
            super(message);
            this.status = status;
            this.retryAfter = retryAfter;
        }

        /** The service's status, or 0 when no answer came (timeout, connection refused). */
        public int status() {
            return status;
        }

        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }
    }

    /**
     * The service refused the request (a 4xx other than 401/429): repeating it will not help. {@link NotFound}
     * is the case where what the call named does not exist there.
     */
    public static sealed class Permanent extends ConnectorException permits NotFound {
        private final int status;

        public Permanent(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /**
     * What the call named (a card, a channel, an issue) does not exist at the service, or the connection may not
     * see it (a 404, or a service's own "not found" answer): permanent, answered as 404 naming {@link #what()}
     * and, when the caller gave it, the input {@link #field()}. Use it instead of {@code NoSuchElementException}
     * or a bare {@code Permanent(404, ...)}.
     */
    public static final class NotFound extends Permanent {
        private final String field;
        private final String what;

        /**
         * @param field the input field that named it ({@code cardId}), or null when no input field did
         * @param what what was not found, for people: "card 5abbe4b7", "the channel #ops"
         */
        public NotFound(String field, String what) {
            super(404, (field == null || field.isEmpty() ? "" : field + ": ") + what + " was not found");
            this.field = field == null || field.isEmpty() ? null : field;
            this.what = what;
        }

        public Optional<String> field() {
            return Optional.ofNullable(field);
        }

        public String what() {
            return what;
        }
    }

    /** The credentials no longer work (revoked, expired, invalid_grant): the connection needs reconnecting. */
    public static final class NeedsReconnect extends ConnectorException {
        public NeedsReconnect(String reason) {
            super(reason);
        }
    }

    /**
     * Input fields are unacceptable: the schema said so, or the connector found out (a refused URL). Each
     * problem names its JSON path inside the input ({@code url}, {@code headers.accept}, {@code items[2]}).
     */
    public static final class InvalidInput extends ConnectorException {
        private final List<FieldProblem> problems;

        public InvalidInput(List<FieldProblem> problems) {
            super(
                    problems.isEmpty()
                            ? "invalid input"
                            : problems.getFirst().field() + ": "
                                    + problems.getFirst().message());
            this.problems = List.copyOf(problems);
        }

        public InvalidInput(String field, String message) {
            this(List.of(new FieldProblem(field, message)));
        }

        public List<FieldProblem> problems() {
            return problems;
        }
    }

    /** One bad input field: its JSON path relative to the input, and what is wrong with it. */
    public record FieldProblem(String field, String message) {}
}
