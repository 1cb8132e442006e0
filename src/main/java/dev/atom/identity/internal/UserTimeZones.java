package dev.atom.identity.internal;

import dev.atom.identity.TimeZones;
import java.time.ZoneId;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The people's time zones, read from their user row on each call (one primary-key lookup: cheap next to the work
 * that needs a zone, and never stale after a change). Thread-safe.
 */
@Service
class UserTimeZones implements TimeZones {
    private final UserRepository users;

    UserTimeZones(UserRepository users) {
        this.users = users;
    }

    @Override
    public Optional<ZoneId> chosen(String userId) {
        // a stored id the JDK no longer knows (a renamed zone after an upgrade) counts as none
        return users.timeZone(userId).filter(TimeZones::isIanaId).map(ZoneId::of);
    }

    /** Sets or (null) clears the person's zone; the id must already be checked with {@link TimeZones#isIanaId}. */
    void set(String userId, String zoneId) {
        users.setTimeZone(userId, zoneId);
    }
}
