package dev.atom.workspace.inbox;

import dev.atom.connectors.Connectors;
import dev.atom.identity.CurrentUser;
import dev.atom.shared.web.ApiException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The inbox page: one list over every mail and chat source, filters, a thread pane, htmx actions. */
@Controller
class InboxPageController {
    private static final String FRAGMENTS = "inbox/fragments";
    private final InboxService service;
    private final Connectors connectors;

    InboxPageController(InboxService service, Connectors connectors) {
        this.service = service;
        this.connectors = connectors;
    }

    /** A source connection as the page's header shows it (a broken one says it needs reconnecting). */
    record SourceView(String id, String connector, String label, String name, String status, String reason) {
        public boolean broken() {
            return !"connected".equals(status);
        }
    }

    @GetMapping("/inbox")
    String page(@AuthenticationPrincipal CurrentUser user, @RequestParam Map<String, String> filters, Model model) {
        List<SourceView> sources =
                connectors.connections(new Connectors.Caller(user.workspaceId(), user.userId())).stream()
                        .filter(c -> InboxSources.LABELS.containsKey(c.connector()))
                        .map(c -> new SourceView(
                                c.id(),
                                c.connector(),
                                InboxSources.label(c.connector()),
                                c.name(),
                                c.status(),
                                c.statusReason()))
                        .toList();
        model.addAttribute("sources", sources);
        list(user, filters, model);
        String open = filters.get("open");
        if (open != null && !open.isBlank()) {
            try {
                thread(user, service.get(user, open), model);
            } catch (ApiException e) {
                model.addAttribute("openError", "That message is not in your inbox.");
            }
        }
        return "inbox/page";
    }

    @GetMapping("/inbox/list")
    String items(@AuthenticationPrincipal CurrentUser user, @RequestParam Map<String, String> filters, Model model) {
        list(user, filters, model);
        return FRAGMENTS + " :: items";
    }

    @GetMapping("/inbox/{id}/thread")
    String thread(@AuthenticationPrincipal CurrentUser user, @PathVariable String id, Model model) {
        thread(user, service.get(user, id), model);
        return FRAGMENTS + " :: thread";
    }

    @PostMapping("/inbox/{id}/read")
    String read(@AuthenticationPrincipal CurrentUser user, @PathVariable String id, Model model) {
        return row(service.setRead(user, id, true), model);
    }

    @PostMapping("/inbox/{id}/unread")
    String unread(@AuthenticationPrincipal CurrentUser user, @PathVariable String id, Model model) {
        return row(service.setRead(user, id, false), model);
    }

    @PostMapping("/inbox/{id}/archive")
    ResponseEntity<String> archive(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        service.archive(user, id);
        return ResponseEntity.ok().header("HX-Trigger", "inbox-changed").body("");
    }

    @PostMapping("/inbox/{id}/reply")
    String reply(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String id,
            @RequestParam(required = false) String text,
            Model model) {
        InboxMessage m = service.get(user, id);
        try {
            if (text == null || text.isBlank()) {
                throw ApiException.invalid("text", "Write something to send");
            }
            service.reply(user, id, text);
            model.addAttribute("replyNotice", "Sent.");
        } catch (ApiException e) {
            model.addAttribute(
                    "replyError",
                    e.errors().isEmpty()
                            ? e.getMessage()
                            : e.errors().getFirst().message());
            model.addAttribute("replyText", text);
        }
        model.addAttribute("m", InboxJson.Item.of(m));
        return FRAGMENTS + " :: reply";
    }

    private String row(InboxMessage m, Model model) {
        model.addAttribute("i", InboxJson.Item.of(m));
        return FRAGMENTS + " :: row";
    }

    private void thread(CurrentUser user, InboxMessage m, Model model) {
        model.addAttribute("m", InboxJson.Item.of(m));
        model.addAttribute(
                "thread",
                service.thread(user, m).stream()
                        .map(InboxJson.ThreadMessage::of)
                        .toList());
    }

    private void list(CurrentUser user, Map<String, String> filters, Model model) {
        Map<String, String> f = new HashMap<>(filters);
        f.remove("open");
        model.addAttribute("filters", f);
        try {
            var page = service.list(
                    user,
                    InboxParams.query(
                            f.get("source"),
                            blankIfOff(f.get("unread")),
                            blankIfOff(f.get("important")),
                            f.get("q"),
                            f.get("cursor"),
                            null));
            model.addAttribute(
                    "items", page.items().stream().map(InboxJson.Item::of).toList());
            model.addAttribute("nextCursor", page.nextCursor());
        } catch (ApiException e) {
            model.addAttribute("items", List.of());
            model.addAttribute("nextCursor", null);
            model.addAttribute("listError", "Those filters are not valid.");
        }
        model.addAttribute(
                "firstPage", f.get("cursor") == null || f.get("cursor").isBlank());
    }

    /** An unchecked checkbox does not filter. */
    private static String blankIfOff(String v) {
        if (v == null || v.isBlank() || v.equals("off")) {
            return null;
        }
        return v.equals("on") ? "true" : v;
    }
}
