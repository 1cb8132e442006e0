package dev.atom.identity;

import java.time.Duration;
import java.util.Optional;

/**
 * Browser sessions kept in the database (they survive restarts and work on every instance). The web module
 * carries the value in a cookie; only its hash is stored.
 */
public interface WebSessions {

    /** A new session: the cookie value (shown once) and how long the cookie may live at most. */
    record Opened(String cookieValue, Duration maxAge) {}

    Opened open(CurrentUser user, String clientIp);

    /** The signed-in user of a cookie value; empty when unknown or expired. Slides the expiry forward. */
    Optional<CurrentUser> resolve(String cookieValue);

    /** Ends the session (sign-out); nothing happens for an unknown value. */
    void close(String cookieValue, String clientIp);
}
