package dev.atom.ai.routing;

import dev.atom.identity.CurrentUser;
import dev.atom.identity.Role;
import dev.atom.shared.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The "Default routing" part of the AI page ({@code <section id="routing" hx-get="/ai/routing"
 * hx-trigger="load">}): one text field per place in the list, offering the policies and the workspace's models,
 * blank fields skipped. Admins and owners edit it; members see the list. A refused list comes back with each
 * message under its own field (200, so htmx swaps it).
 */
@Controller
class RoutingPageController {
    private static final String FRAGMENT = "ai/routing :: routing";
    private static final Pattern ENTRY = Pattern.compile("models\\[(\\d+)]");
    private static final DateTimeFormatter UPDATED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final WorkspaceRouting routing;

    RoutingPageController(WorkspaceRouting routing) {
        this.routing = routing;
    }

    @GetMapping("/ai/routing")
    String show(@AuthenticationPrincipal CurrentUser user, Model model) {
        fill(user, routing.models(user.workspaceId()), Map.of(), false, model);
        return FRAGMENT;
    }

    @PostMapping("/ai/routing")
    String save(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(name = "models", required = false) List<String> fields,
            Model model,
            HttpServletRequest request) {
        List<String> rows = new ArrayList<>(fields == null ? List.of() : fields);
        List<Integer> rowOf = new ArrayList<>(); // the field each kept entry came from, for its error
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i) != null && !rows.get(i).isBlank()) {
                rowOf.add(i);
                entries.add(rows.get(i).strip());
            }
        }
        try {
            routing.set(user, entries, request.getRemoteAddr());
            fill(user, routing.models(user.workspaceId()), Map.of(), true, model);
        } catch (ApiException e) {
            fill(user, rows, messages(e, rowOf), false, model);
        }
        return FRAGMENT;
    }

    /** One field of the form: its place, label, typed value and the message about it (or null). */
    record Row(int index, String label, String value, String error) {}

    private void fill(CurrentUser user, List<String> values, Map<String, String> errors, boolean saved, Model model) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < Math.max(WorkspaceRouting.MAX_ENTRIES, values.size()); i++) {
            rows.add(new Row(i, label(i), i < values.size() ? values.get(i) : "", errors.get(String.valueOf(i))));
        }
        model.addAttribute("rows", rows);
        model.addAttribute("current", routing.models(user.workspaceId()));
        model.addAttribute(
                "updated",
                routing.stored(user.workspaceId())
                        .map(r -> UPDATED.format(r.updatedAt()))
                        .orElse(null));
        model.addAttribute("choices", routing.choices(user.workspaceId()));
        model.addAttribute("canEdit", user.role().atLeast(Role.ADMIN));
        model.addAttribute("formError", errors.get("form"));
        model.addAttribute("saved", saved);
    }

    private static String label(int row) {
        return row == 0 ? "First choice" : "Fallback " + row;
    }

    /** "models[i]" becomes the key of the field entry i came from; anything else is shown above the fields. */
    private static Map<String, String> messages(ApiException e, List<Integer> rowOf) {
        Map<String, String> out = new HashMap<>();
        if (e.errors().isEmpty()) {
            out.put("form", e.getMessage());
        }
        for (ApiException.FieldError error : e.errors()) {
            Matcher m = ENTRY.matcher(error.field());
            String key = m.matches() && Integer.parseInt(m.group(1)) < rowOf.size()
                    ? String.valueOf(rowOf.get(Integer.parseInt(m.group(1))))
                    : "form";
            String message = error.field().equals("models") ? "The list " + error.message() : error.message();
            // "repeats models[0]" speaks of the list the API got; here it is "repeats the first choice"
            Matcher other = ENTRY.matcher(message);
            StringBuilder said = new StringBuilder();
            while (other.find()) {
                int j = Integer.parseInt(other.group(1));
                String place = j < rowOf.size() ? label(rowOf.get(j)).toLowerCase(Locale.ROOT) : other.group();
                other.appendReplacement(said, Matcher.quoteReplacement("the " + place));
            }
            message = other.appendTail(said).toString();
            out.merge(key, message, (a, b) -> a + "; " + b);
        }
        return out;
    }
}
