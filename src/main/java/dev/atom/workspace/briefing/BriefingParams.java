package dev.atom.workspace.briefing;

import dev.atom.shared.web.FieldErrors;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The briefing's query parameters, as the API, the page and the {@code atom.briefing} action take them: an ISO
 * date (default: today in the zone), an IANA zone or offset (default: the person's own zone, else UTC), and
 * whether to ask the user's model for the summary. Bad values are 400s naming the field.
 */
record BriefingParams(LocalDate date, ZoneId zone, boolean aiSummary) {
    static final int MAX_YEARS_AWAY = 5;

    static BriefingParams parse(
            String date, String timeZone, String summary, Instant now, ZoneId personal, FieldErrors errors) {
        ZoneId zone = personal;
        if (timeZone != null && !timeZone.isBlank()) {
            try {
                zone = ZoneId.of(timeZone.strip().replace(' ', '+')); // an unencoded '+' arrives as a space
            } catch (DateTimeException e) {
                errors.add("timeZone", "must be an IANA time zone such as Europe/Berlin, or an offset such as +02:00");
            }
        }
        LocalDate today = now.atZone(zone).toLocalDate();
        LocalDate day = today;
        if (date != null && !date.isBlank()) {
            try {
                day = LocalDate.parse(date.strip());
                if (Math.abs(day.getYear() - today.getYear()) > MAX_YEARS_AWAY) {
                    errors.add("date", "must be within " + MAX_YEARS_AWAY + " years of today");
                }
            } catch (DateTimeParseException e) {
                errors.add("date", "must be a date such as 2026-12-05");
            }
        }
        boolean ai = false;
        if (summary != null && !summary.isBlank()) {
            switch (summary.strip().toLowerCase(Locale.ROOT)) {
                case "ai" -> ai = true;
                case "offline" -> ai = false;
                default -> errors.add("summary", "must be ai or offline");
            }
        }
        errors.throwIfAny();
        return new BriefingParams(day, zone, ai);
    }
}
