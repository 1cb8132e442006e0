package dev.atom.identity.internal;

import dev.atom.identity.CurrentUser;
import dev.atom.identity.TimeZones;
import java.time.ZoneId;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The profile page: who the person is and their own time zone, chosen from the IANA list (or none: UTC). The page
 * offers the browser's zone with a button, never sets it unasked. Saves through the same check as PATCH
 * /api/v1/me.
 */
@Controller
class ProfilePageController {
    private static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream()
            .filter(TimeZones::isIanaId)
            .sorted()
            .toList();
    private final UserTimeZones zones;

    ProfilePageController(UserTimeZones zones) {
        this.zones = zones;
    }

    @GetMapping("/profile")
    String page(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String saved, Model model) {
        return render(user, zones.chosen(user.userId()).map(ZoneId::getId).orElse(""), saved != null, null, model);
    }

    @PostMapping("/profile")
    String save(
            @AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String timeZone, Model model) {
        String chosen = timeZone == null ? "" : timeZone.strip();
        if (!chosen.isEmpty() && !TimeZones.isIanaId(chosen)) {
            return render(user, chosen, false, "Time zone must be an IANA time zone such as Europe/Berlin.", model);
        }
        zones.set(user.userId(), chosen.isEmpty() ? null : chosen);
        return "redirect:/profile?saved";
    }

    private static String render(CurrentUser user, String zone, boolean saved, String error, Model model) {
        model.addAttribute("profileName", user.name());
        model.addAttribute("profileEmail", user.email());
        model.addAttribute("zone", zone);
        model.addAttribute("zones", ZONES);
        model.addAttribute("saved", saved);
        model.addAttribute("error", error);
        return "profile/page";
    }
}
