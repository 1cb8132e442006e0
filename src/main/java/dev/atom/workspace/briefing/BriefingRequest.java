package dev.atom.workspace.briefing;

import dev.atom.identity.Role;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Whose briefing, for which day in which zone: what every {@link BriefingSection} is asked with. {@code now} is
 * the moment it is made (what "overdue" and "waiting" are measured against).
 */
public record BriefingRequest(
        String workspaceId, String viewerId, Role viewerRole, LocalDate date, ZoneId zone, Instant now, int limit) {

    /** Items per section at most. */
    public static final int DEFAULT_LIMIT = 50;

    /** The start of the day in the zone (not always midnight: some zones skip it). */
    public Instant dayStart() {
        return date.atStartOfDay(zone).toInstant();
    }

    /** The start of the next day in the zone. */
    public Instant dayEnd() {
        return date.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** Whether {@code now} falls on the day. */
    public boolean isToday() {
        return !now.isBefore(dayStart()) && now.isBefore(dayEnd());
    }
}
