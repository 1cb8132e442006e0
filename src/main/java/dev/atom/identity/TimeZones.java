package dev.atom.identity;

import java.time.ZoneId;
import java.util.Optional;

/**
 * Each person's own time zone, chosen on their profile (PATCH /api/v1/me). Used where a request names no zone:
 * a chat message without {@code timeZone}, the offline parser, the briefing, calendar reads and writes.
 */
public interface TimeZones {

    /** The zone the person chose, if any. */
    Optional<ZoneId> chosen(String userId);

    /** The person's zone, or UTC when they chose none. */
    default ZoneId of(String userId) {
        return chosen(userId).orElse(ZoneId.of("UTC"));
    }

    /** An IANA time zone id Atom accepts (a region such as Europe/Berlin, or UTC); offsets are not names. */
    static boolean isIanaId(String id) {
        return id != null && ZoneId.getAvailableZoneIds().contains(id);
    }
}
