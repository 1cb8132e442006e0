package dev.atom.identity.internal;

import dev.atom.identity.CurrentUser;
import dev.atom.identity.Role;
import dev.atom.identity.internal.InvitationRepository.Invitation;
import dev.atom.identity.internal.WorkspaceRepository.MyWorkspace;
import dev.atom.shared.Ids;
import dev.atom.shared.web.ApiException;
import dev.atom.shared.web.FieldErrors;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Invitations: admins invite an email with a role (owners only may invite owners); the invited person
 * accepts with the token, either while signing up or signed in with that email. Each token works once.
 */
@Service
class InvitationService {
    private final InvitationRepository invitations;
    private final WorkspaceRepository workspaceRows;
    private final WorkspaceService workspaces;
    private final UserRepository users;
    private final TransactionTemplate transactions;
    private final IdentityProperties properties;
    private final AuditTrail audit;
    private final Clock clock;

    InvitationService(
            InvitationRepository invitations,
            WorkspaceRepository workspaceRows,
            WorkspaceService workspaces,
            UserRepository users,
            TransactionTemplate transactions,
            IdentityProperties properties,
            AuditTrail audit,
            Clock clock) {
        this.invitations = invitations;
        this.workspaceRows = workspaceRows;
        this.workspaces = workspaces;
        this.users = users;
        this.transactions = transactions;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    /** A new invitation and its token (shown once). */
    record Created(Invitation invitation, String token) {}

    Created create(String workspaceId, CurrentUser caller, String rawEmail, Role role, String ip) {
        MyWorkspace workspace = workspaces.requireMember(workspaceId, caller.userId());
        WorkspaceService.requireRole(workspace, Role.ADMIN);
        String email = Emails.normalize(rawEmail);
        FieldErrors errors = new FieldErrors();
        if (email.isEmpty()) {
            errors.add("email", "is required");
        } else if (!Emails.looksValid(email)) {
            errors.add("email", "is not an email address");
        }
        if (role == null) {
            errors.add("role", "is required (member, admin or owner)");
        }
        errors.throwIfAny();
        if (role == Role.OWNER && workspace.role() != Role.OWNER) {
            throw ApiException.forbidden("Only an owner can invite an owner");
        }
        users.findByEmail(email)
                .flatMap(user -> workspaceRows.member(workspaceId, user.id()))
                .ifPresent(member -> {
                    throw ApiException.conflict("This person is a member already");
                });
        Instant now = clock.instant();
        String token = TokenHashing.randomToken();
        Invitation invitation = new Invitation(
                Ids.newId(),
                workspaceId,
                email,
                role,
                TokenHashing.sha256(token),
                caller.userId(),
                now,
                now.plus(properties.invitationTtl()),
                null);
        invitations.insert(invitation);
        audit.record(
                workspaceId,
                caller.userId(),
                "member.invited",
                Map.of("invitationId", invitation.id(), "email", email, "role", role.wire()),
                ip);
        return new Created(invitation, token);
    }

    List<Invitation> pending(String workspaceId, CurrentUser caller) {
        WorkspaceService.requireRole(workspaces.requireMember(workspaceId, caller.userId()), Role.ADMIN);
        return invitations.listPending(workspaceId, clock.instant());
    }

    void delete(String workspaceId, CurrentUser caller, String invitationId) {
        WorkspaceService.requireRole(workspaces.requireMember(workspaceId, caller.userId()), Role.ADMIN);
        if (!Ids.isValid(invitationId) || !invitations.delete(workspaceId, invitationId)) {
            throw ApiException.notFound("Invitation");
        }
    }

    /** The pending invitation of a token for this email; 403 when there is none (or it is for another email). */
    Invitation pendingFor(String token, String email) {
        return invitations
                .findByHash(TokenHashing.sha256(token))
                .filter(i -> i.acceptedAt() == null && i.expiresAt().isAfter(clock.instant()))
                .filter(i -> i.email().equals(email))
                .orElseThrow(() -> ApiException.forbidden("The invitation is not valid for this email"));
    }

    /** Uses up an invitation and adds the user; call inside a transaction. */
    void accept(Invitation invitation, String userId) {
        Instant now = clock.instant();
        if (!invitations.markAccepted(invitation.id(), userId, now)) {
            throw ApiException.forbidden("The invitation has been used already");
        }
        workspaceRows.addMember(invitation.workspaceId(), userId, invitation.role(), now);
    }

    /** A signed-in user accepts an invitation sent to their email; returns the workspace as they now see it. */
    MyWorkspace acceptAsMember(String token, CurrentUser caller, String ip) {
        if (token == null || token.isBlank()) {
            throw ApiException.invalid("token", "is required");
        }
        Invitation invitation = pendingFor(token.strip(), caller.email());
        transactions.executeWithoutResult(status -> accept(invitation, caller.userId()));
        audit.record(
                invitation.workspaceId(),
                caller.userId(),
                "member.joined",
                Map.of(
                        "invitationId",
                        invitation.id(),
                        "role",
                        invitation.role().wire()),
                ip);
        return workspaces.requireMember(invitation.workspaceId(), caller.userId());
    }
}
