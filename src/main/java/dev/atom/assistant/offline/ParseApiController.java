package dev.atom.assistant.offline;

import dev.atom.identity.CurrentUser;
import dev.atom.identity.TimeZones;
import dev.atom.shared.web.FieldErrors;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/assistant/parse?text=&timeZone=}: what the offline parser understands in a request, to
 * pre-fill forms (the quick-add boxes use it under the session at {@code /assistant/api/parse}). Reads nothing
 * but the text, so it touches no one's data; it still needs a signed-in caller like every route.
 */
@RestController
@RequestMapping({"/api/v1/assistant", "/assistant/api"})
class ParseApiController {
    private final IntentParser parser = new IntentParser();
    private final Clock clock;
    private final TimeZones zones;

    ParseApiController(Clock clock, TimeZones zones) {
        this.clock = clock;
        this.zones = zones;
    }

    @GetMapping("/parse")
    Map<String, Object> parse(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String text,
            @RequestParam(required = false) String timeZone) {
        FieldErrors errors = new FieldErrors();
        if (text == null || text.isBlank()) {
            errors.add("text", "is required");
        } else if (text.length() > IntentParser.MAX_LENGTH) {
            errors.add("text", "must be at most " + IntentParser.MAX_LENGTH + " characters");
        }
        ZoneId zone = zone(timeZone, zones.of(user.userId()), errors);
        errors.throwIfAny();
        return IntentJson.of(parser.parse(text, ZonedDateTime.now(clock.withZone(zone))), zone);
    }

    /** The request's zone; without one the person's own ({@code personal}: theirs, else UTC). */
    private static ZoneId zone(String timeZone, ZoneId personal, FieldErrors errors) {
        if (timeZone == null || timeZone.isBlank()) {
            return personal;
        }
        try {
            return ZoneId.of(timeZone.strip().replace(' ', '+')); // an unencoded '+' arrives as a space
        } catch (DateTimeException e) {
            errors.add("timeZone", "must be an IANA time zone such as Europe/Berlin, or an offset such as +02:00");
            return ZoneId.of("UTC");
        }
    }
}
