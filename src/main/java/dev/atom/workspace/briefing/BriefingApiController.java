package dev.atom.workspace.briefing;

import dev.atom.ai.CallSource;
import dev.atom.identity.CurrentUser;
import dev.atom.identity.TimeZones;
import dev.atom.shared.web.FieldErrors;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/briefing?date&timeZone&summary}: the caller's day. {@code summary=ai} asks their model
 * (through the gateway) for a summary citing the items; without it, or when no model answers, the summary is
 * the offline one.
 */
@RestController
class BriefingApiController {
    private final BriefingService briefings;
    private final TimeZones zones;

    BriefingApiController(BriefingService briefings, TimeZones zones) {
        this.briefings = briefings;
        this.zones = zones;
    }

    @GetMapping("/api/v1/briefing")
    Briefing briefing(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String date,
            @RequestParam(required = false) String timeZone,
            @RequestParam(required = false) String summary) {
        BriefingParams params = BriefingParams.parse(
                date, timeZone, summary, briefings.now(), zones.of(user.userId()), new FieldErrors());
        return briefings.briefing(user.workspaceId(), user.userId(), user.role(), params, CallSource.CHAT);
    }
}
