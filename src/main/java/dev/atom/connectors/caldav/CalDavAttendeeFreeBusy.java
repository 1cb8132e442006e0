package dev.atom.connectors.caldav;

import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.Schema;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * caldav.attendee_free_busy: other people's busy times on the connected server, for find-a-time. Each attendee's
 * principal is looked for beside the account's own (servers such as Radicale name principals by the login, which
 * is often the e-mail address: {@code /ann/} then {@code /bob@example.com/}), then every calendar in its home
 * answers the free-busy report, or its busy times are computed from the events the account may read. An attendee
 * the server does not know, or whose calendars the account may not read, is answered with why; nothing is
 * guessed. Stateless.
 */
final class CalDavAttendeeFreeBusy {
    private CalDavAttendeeFreeBusy() {}

    @Schema(description = "Whose busy times, and when")
    record Input(
            @Schema(description = "The attendees' e-mail addresses (their logins on the server)")
            List<String> attendees,

            @Schema(description = "Start of the range (ISO-8601 with offset, or local with timeZone)")
            String start,

            @Schema(description = "End of the range (exclusive)")
            String end,

            @Schema(description = "An IANA time zone for local times and the output", examples = "\"Europe/Berlin\"")
            @Nullable
            String timeZone) {}

    record Attendee(
            @Schema(description = "The e-mail address asked for")
            String email,

            @Schema(description = "Busy intervals over all their calendars the account may read")
            List<CalDavFreeBusy.Busy> busy,

            @Schema(description = "server (free-busy reports), computed (from their events) or none (not answered)")
            String source,

            @Schema(description = "Why not answered, or how the times were found") @Nullable
            String note) {}

    record Output(
            @Schema(description = "One answer per attendee, in the order asked")
            List<Attendee> attendees) {}

    static Output query(DavClient dav, List<String> emails, Instant from, Instant to, ZoneId zone) {
        URI own = CalDavDiscovery.principal(dav);
        List<Attendee> out = new ArrayList<>();
        for (String email : emails) {
            out.add(attendee(dav, own, email.strip(), from, to, zone));
        }
        return new Output(out);
    }

    private static Attendee attendee(DavClient dav, URI own, String email, Instant from, Instant to, ZoneId zone) {
        URI principal = own.resolve(
                "../" + URLEncoder.encode(email, StandardCharsets.UTF_8).replace("+", "%20") + "/");
        List<CalDavFreeBusy.Busy> busy = new ArrayList<>();
        boolean computed = false;
        try {
            URI home = CalDavDiscovery.home(dav, principal);
            if (!DavClient.sameOrigin(home, own)) {
                return none(email, "their calendar home is on another server");
            }
            var calendars = CalDavDiscovery.calendarsAt(dav, home).stream()
                    .filter(c -> c.components().isEmpty() || c.components().contains("VEVENT"))
                    .toList();
            if (calendars.isEmpty()) {
                return none(email, "no calendar of theirs is readable on this server");
            }
            for (var calendar : calendars) {
                var answer = CalDavFreeBusy.query(dav, home.resolve(calendar.url()), from, to, zone);
                busy.addAll(answer.busy());
                computed |= answer.source().equals("computed");
            }
        } catch (ConnectorException.Permanent e) {
            // 403 (not theirs to read) or 404 (no such principal): the server does not answer for them
            return none(email, "the server does not share this person's calendars with the account");
        }
        busy.sort(java.util.Comparator.comparing(CalDavFreeBusy.Busy::start));
        return new Attendee(email, busy, computed ? "computed" : "server", null);
    }

    private static Attendee none(String email, String why) {
        return new Attendee(email, List.of(), "none", why);
    }
}
