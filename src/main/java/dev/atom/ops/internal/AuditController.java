package dev.atom.ops.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.atom.identity.CurrentUser;
import dev.atom.identity.Role;
import dev.atom.shared.web.FieldErrors;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log of the caller's workspace, for its owners and admins. */
@RestController
class AuditController {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    private final AuditRepository repository;

    AuditController(AuditRepository repository) {
        this.repository = repository;
    }

    record AuditPage(
            List<AuditEntry> items,
            @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {}

    @GetMapping("/api/v1/audit")
    AuditPage list(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        user.require(Role.ADMIN);
        FieldErrors errors = new FieldErrors();
        AuditCursor after = null;
        if (cursor != null && !cursor.isEmpty()) {
            after = AuditCursor.decode(cursor).orElse(null);
            if (after == null) {
                errors.add("cursor", "is not a cursor from a previous page");
            }
        }
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            errors.add("limit", "must be between 1 and " + MAX_LIMIT);
        }
        errors.throwIfAny();
        // one more than asked tells whether another page follows
        List<AuditEntry> rows = repository.page(user.workspaceId(), after, size + 1);
        if (rows.size() <= size) {
            return new AuditPage(rows, null);
        }
        List<AuditEntry> items = rows.subList(0, size);
        AuditEntry last = items.getLast();
        return new AuditPage(List.copyOf(items), new AuditCursor(last.createdAt(), last.id()).encode());
    }
}
