package dev.atom.identity;

import dev.atom.shared.web.ApiException;
import java.time.Duration;
import org.springframework.http.HttpStatus;

/** Too many failed logins: answered 429 with a Retry-After header of {@link #retryAfterSeconds()}. */
public class TooManyAttemptsException extends ApiException {
    private final long retryAfterSeconds;

    public TooManyAttemptsException(Duration retryAfter) {
        super(HttpStatus.TOO_MANY_REQUESTS, "too-many-attempts", "Too many failed attempts; try again later");
        this.retryAfterSeconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
