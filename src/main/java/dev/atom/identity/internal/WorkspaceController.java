package dev.atom.identity.internal;

import dev.atom.identity.CurrentUser;
import dev.atom.identity.Members.Member;
import dev.atom.identity.Role;
import dev.atom.identity.internal.InvitationRepository.Invitation;
import dev.atom.identity.internal.WorkspaceRepository.MyWorkspace;
import dev.atom.shared.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Workspaces, members and invitations. The caller's role in the workspace of the path decides what they may
 * do; a workspace they do not belong to answers 404.
 */
@RestController
class WorkspaceController {
    private final WorkspaceService workspaces;
    private final InvitationService invitations;

    WorkspaceController(WorkspaceService workspaces, InvitationService invitations) {
        this.workspaces = workspaces;
        this.invitations = invitations;
    }

    record WorkspaceView(String id, String name, Role role, Instant createdAt) {
        static WorkspaceView of(MyWorkspace w) {
            return new WorkspaceView(w.id(), w.name(), w.role(), w.createdAt());
        }
    }

    record RenameRequest(String name) {}

    record RoleRequest(String role) {}

    record InviteRequest(String email, String role) {}

    record AcceptRequest(String token) {}

    record InvitationView(String id, String email, Role role, String invitedBy, Instant createdAt, Instant expiresAt) {
        static InvitationView of(Invitation i) {
            return new InvitationView(i.id(), i.email(), i.role(), i.invitedBy(), i.createdAt(), i.expiresAt());
        }
    }

    record CreatedInvitation(String id, String email, Role role, String token, String acceptUrl, Instant expiresAt) {}

    record Accepted(WorkspaceView workspace) {}

    @GetMapping("/api/v1/workspaces")
    List<WorkspaceView> mine(@AuthenticationPrincipal CurrentUser caller) {
        return workspaces.mine(caller.userId()).stream().map(WorkspaceView::of).toList();
    }

    @GetMapping("/api/v1/workspaces/{id}")
    WorkspaceView get(@PathVariable String id, @AuthenticationPrincipal CurrentUser caller) {
        return WorkspaceView.of(workspaces.requireMember(id, caller.userId()));
    }

    @PatchMapping("/api/v1/workspaces/{id}")
    WorkspaceView rename(
            @PathVariable String id, @RequestBody RenameRequest body, @AuthenticationPrincipal CurrentUser caller) {
        String name = body.name() == null ? "" : body.name().strip();
        workspaces.requireMember(id, caller.userId());
        if (name.isEmpty() || name.length() > 100) {
            throw ApiException.invalid("name", "must have 1 to 100 characters");
        }
        return WorkspaceView.of(workspaces.rename(id, caller, name));
    }

    @GetMapping("/api/v1/workspaces/{id}/members")
    List<Member> members(@PathVariable String id, @AuthenticationPrincipal CurrentUser caller) {
        return workspaces.members(id, caller);
    }

    @PatchMapping("/api/v1/workspaces/{id}/members/{userId}")
    Member changeRole(
            @PathVariable String id,
            @PathVariable String userId,
            @RequestBody RoleRequest body,
            @AuthenticationPrincipal CurrentUser caller,
            HttpServletRequest request) {
        workspaces.requireMember(id, caller.userId());
        return workspaces.changeRole(id, caller, userId, parseRole(body.role()), request.getRemoteAddr());
    }

    @DeleteMapping("/api/v1/workspaces/{id}/members/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(
            @PathVariable String id,
            @PathVariable String userId,
            @AuthenticationPrincipal CurrentUser caller,
            HttpServletRequest request) {
        workspaces.remove(id, caller, userId, request.getRemoteAddr());
    }

    @PostMapping("/api/v1/workspaces/{id}/invitations")
    @ResponseStatus(HttpStatus.CREATED)
    CreatedInvitation invite(
            @PathVariable String id,
            @RequestBody InviteRequest body,
            @AuthenticationPrincipal CurrentUser caller,
            HttpServletRequest request) {
        workspaces.requireMember(id, caller.userId());
        Role role = body.role() == null || body.role().isBlank() ? null : parseRole(body.role());
        var created = invitations.create(id, caller, body.email(), role, request.getRemoteAddr());
        Invitation i = created.invitation();
        String acceptUrl = ServletUriComponentsBuilder.fromContextPath(request)
                .path("/signup")
                .queryParam("invite", created.token())
                .toUriString();
        return new CreatedInvitation(i.id(), i.email(), i.role(), created.token(), acceptUrl, i.expiresAt());
    }

    @GetMapping("/api/v1/workspaces/{id}/invitations")
    List<InvitationView> invitations(@PathVariable String id, @AuthenticationPrincipal CurrentUser caller) {
        return invitations.pending(id, caller).stream().map(InvitationView::of).toList();
    }

    @DeleteMapping("/api/v1/workspaces/{id}/invitations/{invitationId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void cancel(
            @PathVariable String id, @PathVariable String invitationId, @AuthenticationPrincipal CurrentUser caller) {
        invitations.delete(id, caller, invitationId);
    }

    @PostMapping("/api/v1/invitations/accept")
    Accepted accept(
            @RequestBody AcceptRequest body, @AuthenticationPrincipal CurrentUser caller, HttpServletRequest request) {
        return new Accepted(
                WorkspaceView.of(invitations.acceptAsMember(body.token(), caller, request.getRemoteAddr())));
    }

    private static Role parseRole(String text) {
        try {
            Role role = Role.fromWire(text);
            if (role != null) {
                return role;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw ApiException.invalid("role", "must be member, admin or owner");
    }
}
