package dev.atom.identity.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.atom.identity.CurrentUser;
import dev.atom.identity.Role;
import dev.atom.identity.TimeZones;
import dev.atom.shared.web.FieldErrors;
import java.time.ZoneId;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Who the caller is, where they act now and which workspaces they belong to; {@code PATCH} changes their own
 * profile settings (today: {@code timeZone}, an IANA id, or null for none).
 */
@RestController
class MeController {
    private final WorkspaceService workspaces;
    private final UserTimeZones zones;

    MeController(WorkspaceService workspaces, UserTimeZones zones) {
        this.workspaces = workspaces;
        this.zones = zones;
    }

    /** {@code timeZone}: the person's own zone, null when they chose none (Atom then assumes UTC). */
    record UserView(
            String id,
            String email,
            String name,
            @JsonInclude(JsonInclude.Include.ALWAYS) String timeZone) {}

    record WorkspaceRef(String id, String name) {}

    record MyWorkspaceView(String id, String name, Role role) {}

    record Me(UserView user, WorkspaceRef workspace, Role role, List<MyWorkspaceView> workspaces) {}

    @GetMapping("/api/v1/me")
    Me me(@AuthenticationPrincipal CurrentUser caller) {
        var mine = workspaces.mine(caller.userId());
        var current = mine.stream()
                .filter(w -> w.id().equals(caller.workspaceId()))
                .findFirst()
                .map(w -> new WorkspaceRef(w.id(), w.name()))
                .orElse(new WorkspaceRef(caller.workspaceId(), null));
        return new Me(
                new UserView(
                        caller.userId(),
                        caller.email(),
                        caller.name(),
                        zones.chosen(caller.userId()).map(ZoneId::getId).orElse(null)),
                current,
                caller.role(),
                mine.stream()
                        .map(w -> new MyWorkspaceView(w.id(), w.name(), w.role()))
                        .toList());
    }

    @PatchMapping("/api/v1/me")
    Me change(@AuthenticationPrincipal CurrentUser caller, @RequestBody JsonNode body) {
        String zone = timeZone(body);
        zones.set(caller.userId(), zone);
        return me(caller);
    }

    /** The body's checked {@code timeZone}: an IANA id, or null to clear it; anything else is a 400 naming it. */
    static String timeZone(JsonNode body) {
        FieldErrors errors = new FieldErrors();
        if (body == null || !body.isObject()) {
            errors.add("body", "must be a JSON object such as {\"timeZone\": \"Europe/Berlin\"}");
            errors.throwIfAny();
        }
        for (String name : body.propertyNames()) {
            if (!name.equals("timeZone")) {
                errors.add(name, "cannot be changed here; only timeZone can");
            }
        }
        JsonNode zone = body.get("timeZone");
        if (zone == null) {
            errors.add("timeZone", "is required (an IANA time zone such as Europe/Berlin, or null for none)");
        } else if (!zone.isNull() && !(zone.isString() && TimeZones.isIanaId(zone.asString()))) {
            errors.add("timeZone", "must be an IANA time zone such as Europe/Berlin, or null for none");
        }
        errors.throwIfAny();
        return zone.isNull() ? null : zone.asString();
    }
}
