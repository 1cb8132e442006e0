package dev.atom.workspace.briefing;

import dev.atom.ai.CallSource;
import dev.atom.identity.CurrentUser;
import dev.atom.identity.TimeZones;
import dev.atom.shared.web.ApiException;
import dev.atom.shared.web.FieldErrors;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The home page: the signed-in person's briefing. The page is a shell that loads the day with the browser's
 * time zone (so "today" is the viewer's today); the day switcher swaps only the briefing, and the AI summary
 * is asked for on demand.
 */
@Controller
class HomePageController {
    private final BriefingService briefings;
    private final TimeZones zones;

    HomePageController(BriefingService briefings, TimeZones zones) {
        this.briefings = briefings;
        this.zones = zones;
    }

    @GetMapping("/")
    String page(@RequestParam(required = false) String date, Model model) {
        model.addAttribute("date", date == null ? "" : date);
        return "briefing/page";
    }

    @GetMapping("/home/briefing")
    String day(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String date,
            @RequestParam(required = false) String timeZone,
            Model model) {
        BriefingParams params = params(user, date, timeZone, null, model);
        if (params == null) {
            return "briefing/fragments :: problem";
        }
        Briefing b = briefings.briefing(user.workspaceId(), user.userId(), user.role(), params, CallSource.CHAT);
        model.addAttribute(
                "view", HomeView.of(b, briefings.now().atZone(params.zone()).toLocalDate()));
        return "briefing/fragments :: day";
    }

    @GetMapping("/home/summary")
    String summary(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String date,
            @RequestParam(required = false) String timeZone,
            Model model) {
        BriefingParams params = params(user, date, timeZone, "ai", model);
        if (params == null) {
            return "briefing/fragments :: problem";
        }
        Briefing b = briefings.briefing(user.workspaceId(), user.userId(), user.role(), params, CallSource.CHAT);
        model.addAttribute("summary", b.summary());
        return "briefing/fragments :: summary";
    }

    /** The parameters, or null with the problem in the model (shown in place, so the switcher still works). */
    private BriefingParams params(CurrentUser user, String date, String timeZone, String summary, Model model) {
        try {
            return BriefingParams.parse(
                    date, timeZone, summary, briefings.now(), zones.of(user.userId()), new FieldErrors());
        } catch (ApiException e) {
            model.addAttribute(
                    "problem",
                    e.errors().stream()
                            .map(f -> ("date".equals(f.field()) ? "Date" : "Time zone") + " " + f.message())
                            .toList());
            return null;
        }
    }
}
