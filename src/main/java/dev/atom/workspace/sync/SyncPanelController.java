package dev.atom.workspace.sync;

import dev.atom.identity.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The Sync panel of a connection on the Connections page (an htmx fragment the connection's row loads): last
 * synced, items, errors, next run, progress of a first sync, and "Sync now". Refreshes itself while syncing.
 */
@Controller
class SyncPanelController {
    private final SyncService service;

    SyncPanelController(SyncService service) {
        this.service = service;
    }

    @GetMapping("/connections/{id}/sync")
    String panel(@AuthenticationPrincipal CurrentUser user, @PathVariable String id, Model model) {
        model.addAttribute("sync", service.status(user, id));
        return "sync/panel :: panel";
    }

    @PostMapping("/connections/{id}/sync")
    String syncNow(@AuthenticationPrincipal CurrentUser user, @PathVariable String id, Model model) {
        model.addAttribute("sync", service.syncNow(user, id));
        model.addAttribute("queued", true);
        return "sync/panel :: panel";
    }
}
