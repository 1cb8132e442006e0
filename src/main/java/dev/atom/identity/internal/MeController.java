package dev.atom.identity.internal;

import dev.atom.identity.CurrentUser;
import dev.atom.identity.Role;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who the caller is, where they act now and which workspaces they belong to. */
@RestController
class MeController {
    private final WorkspaceService workspaces;

    MeController(WorkspaceService workspaces) {
        this.workspaces = workspaces;
    }

    record UserView(String id, String email, String name) {}

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
                new UserView(caller.userId(), caller.email(), caller.name()),
                current,
                caller.role(),
                mine.stream()
                        .map(w -> new MyWorkspaceView(w.id(), w.name(), w.role()))
                        .toList());
    }
}
