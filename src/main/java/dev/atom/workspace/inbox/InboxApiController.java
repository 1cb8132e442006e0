package dev.atom.workspace.inbox;

import dev.atom.identity.CurrentUser;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The inbox JSON API: {@code /api/v1/inbox}, over the caller's visible connections. */
@RestController
@RequestMapping("/api/v1/inbox")
class InboxApiController {
    private final InboxService service;
    private final ThreadSummaries summaries;
    private final Clock clock;

    InboxApiController(InboxService service, ThreadSummaries summaries, Clock clock) {
        this.service = service;
        this.summaries = summaries;
        this.clock = clock;
    }

    @GetMapping
    InboxJson.Page list(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String source,
            @RequestParam(required = false) String unread,
            @RequestParam(required = false) String important,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String limit) {
        return InboxJson.Page.of(service.list(user, InboxParams.query(source, unread, important, q, cursor, limit)));
    }

    @GetMapping("/{id}")
    InboxJson.Detail get(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        return detail(user, service.get(user, id));
    }

    @PostMapping("/{id}/read")
    InboxJson.Item read(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        return InboxJson.Item.of(service.setRead(user, id, true));
    }

    @PostMapping("/{id}/unread")
    InboxJson.Item unread(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        return InboxJson.Item.of(service.setRead(user, id, false));
    }

    @PostMapping("/{id}/archive")
    InboxJson.Item archive(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        return InboxJson.Item.of(service.archive(user, id));
    }

    @PostMapping("/{id}/snooze")
    InboxJson.Detail snooze(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String id,
            @RequestBody(required = false) JsonNode body) {
        service.get(user, id); // another member's or workspace's id is 404 before any validation answer
        service.snooze(user, id, InboxParams.until(body, clock.instant()));
        return detail(user, service.get(user, id));
    }

    @PostMapping("/{id}/reply")
    ResponseEntity<InboxJson.Detail> reply(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String id,
            @RequestBody(required = false) JsonNode body) {
        service.get(user, id);
        service.reply(user, id, InboxParams.text(body, "text", InboxParams.MAX_REPLY));
        return ResponseEntity.status(201).body(detail(user, service.get(user, id)));
    }

    /**
     * A summary of the message's thread: extractive by default (no key needed); {@code method=ai} (query or body)
     * asks the caller's own model and falls back to the extractive one, saying why, when none answers.
     */
    @PostMapping("/{id}/summary")
    InboxJson.Summary summary(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String id,
            @RequestParam(required = false) String method,
            @RequestBody(required = false) JsonNode body) {
        InboxMessage m = service.get(user, id); // another member's or workspace's id is 404 before anything else
        String asked = method;
        if (asked == null && body != null && body.has("method")) {
            asked = body.get("method").isString() ? body.get("method").asString() : "?";
        }
        var r = summaries.summarise(
                user.workspaceId(), user.userId(), m, service.thread(user, m), ThreadSummaries.Method.parse(asked));
        return new InboxJson.Summary(r.summary(), r.method(), r.model(), r.aiError());
    }

    @GetMapping("/vips")
    InboxJson.Vips vips(@AuthenticationPrincipal CurrentUser user) {
        return new InboxJson.Vips(service.vips(user));
    }

    @PostMapping("/vips")
    ResponseEntity<InboxJson.Vips> addVip(
            @AuthenticationPrincipal CurrentUser user, @RequestBody(required = false) JsonNode body) {
        String address = InboxParams.text(body, "address", 320).strip();
        if (!address.matches("[^@\\s<>]+@[^@\\s<>]+")) {
            throw dev.atom.shared.web.ApiException.invalid("address", "must be an e-mail address");
        }
        boolean added = service.addVip(user, address);
        return ResponseEntity.status(added ? 201 : 200).body(new InboxJson.Vips(service.vips(user)));
    }

    @DeleteMapping("/vips/{address}")
    ResponseEntity<Void> removeVip(@AuthenticationPrincipal CurrentUser user, @PathVariable String address) {
        if (!service.removeVip(user, address)) {
            throw dev.atom.shared.web.ApiException.notFound("VIP");
        }
        return ResponseEntity.noContent().build();
    }

    private InboxJson.Detail detail(CurrentUser user, InboxMessage m) {
        List<InboxMessage> thread = service.thread(user, m);
        String text = thread.stream()
                .map(t -> "From: "
                        + (t.message().fromName() == null ? "" : t.message().fromName() + " ")
                        + "<" + t.message().from() + ">\nDate: " + t.message().receivedAt() + "\nSubject: "
                        + (t.message().subject() == null ? "" : t.message().subject()) + "\n\n"
                        + (t.message().bodyText() != null
                                ? t.message().bodyText()
                                : nz(t.message().snippet())))
                .collect(Collectors.joining("\n\n-----\n\n"));
        return new InboxJson.Detail(
                InboxJson.Item.of(m),
                thread.stream().map(InboxJson.ThreadMessage::of).toList(),
                text,
                service.snoozedUntil(user, m.id()).orElse(null),
                m.archived());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
