package dev.atom.workspace.sync;

import dev.atom.identity.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** A connection's sync: its state per feed, and "sync now" (202: it runs in the background). */
@RestController
class SyncApiController {
    private final SyncService service;

    SyncApiController(SyncService service) {
        this.service = service;
    }

    @GetMapping("/api/v1/connections/{id}/sync")
    SyncStatusJson status(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        return service.status(user, id);
    }

    @PostMapping("/api/v1/connections/{id}/sync")
    ResponseEntity<SyncStatusJson> syncNow(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(service.syncNow(user, id));
    }
}
