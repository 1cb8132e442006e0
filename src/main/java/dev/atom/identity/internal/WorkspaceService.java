package dev.atom.identity.internal;

import dev.atom.identity.CurrentUser;
import dev.atom.identity.Members;
import dev.atom.identity.Role;
import dev.atom.identity.internal.UserRepository.UserRow;
import dev.atom.identity.internal.WorkspaceRepository.MyWorkspace;
import dev.atom.identity.internal.WorkspaceRepository.WorkspaceRow;
import dev.atom.shared.Ids;
import dev.atom.shared.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Workspaces and their members. Every operation on a workspace first checks that the caller is a member of
 * it (404 otherwise, so other tenants' workspaces stay invisible) and then the role it needs (403).
 */
@Service
class WorkspaceService implements Members {
    private final WorkspaceRepository workspaces;
    private final UserRepository users;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final AuditTrail audit;
    private final CallerCache callers;
    private final Clock clock;

    WorkspaceService(
            WorkspaceRepository workspaces,
            UserRepository users,
            JdbcClient jdbc,
            TransactionTemplate transactions,
            AuditTrail audit,
            CallerCache callers,
            Clock clock) {
        this.workspaces = workspaces;
        this.users = users;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.audit = audit;
        this.callers = callers;
        this.clock = clock;
    }

    @Override
    public Optional<Member> find(String workspaceId, String userId) {
        return workspaces.member(workspaceId, userId);
    }

    @Override
    public List<Member> list(String workspaceId) {
        return workspaces.members(workspaceId);
    }

    /** Creates a workspace owned by the user; call inside the transaction that creates the user. */
    String createOwned(String userId, String name) {
        Instant now = clock.instant();
        String id = Ids.newId();
        workspaces.insert(new WorkspaceRow(id, name, now));
        workspaces.addMember(id, userId, Role.OWNER, now);
        return id;
    }

    static String personalName(String userName) {
        String name = userName + "'s workspace";
        return name.length() > 100 ? name.substring(0, 100) : name;
    }

    /**
     * The workspace a user acts in after signing in: their default one while they belong to it, else the
     * oldest one they belong to, else a new personal workspace (someone removed them from all of them).
     */
    MyWorkspace current(UserRow user) {
        if (user.defaultWorkspaceId() != null) {
            var preferred = workspaces.findForMember(user.defaultWorkspaceId(), user.id());
            if (preferred.isPresent()) {
                return preferred.get();
            }
        }
        List<MyWorkspace> mine = workspaces.listForMember(user.id());
        if (!mine.isEmpty()) {
            users.setDefaultWorkspace(user.id(), mine.getFirst().id());
            return mine.getFirst();
        }
        String id = transactions.execute(status -> {
            String created = createOwned(user.id(), personalName(user.name()));
            users.setDefaultWorkspace(user.id(), created);
            return created;
        });
        return workspaces.findForMember(id, user.id()).orElseThrow();
    }

    List<MyWorkspace> mine(String userId) {
        return workspaces.listForMember(userId);
    }

    /** The workspace if the caller belongs to it; 404 otherwise, whether it exists or not. */
    MyWorkspace requireMember(String workspaceId, String userId) {
        if (!Ids.isValid(workspaceId)) {
            throw ApiException.notFound("Workspace");
        }
        return workspaces.findForMember(workspaceId, userId).orElseThrow(() -> ApiException.notFound("Workspace"));
    }

    static void requireRole(MyWorkspace workspace, Role needed) {
        if (!workspace.role().atLeast(needed)) {
            throw ApiException.forbidden("This needs the " + needed.wire() + " role in this workspace");
        }
    }

    MyWorkspace rename(String workspaceId, CurrentUser caller, String name) {
        MyWorkspace workspace = requireMember(workspaceId, caller.userId());
        requireRole(workspace, Role.ADMIN);
        workspaces.rename(workspaceId, name);
        return requireMember(workspaceId, caller.userId());
    }

    List<Member> members(String workspaceId, CurrentUser caller) {
        requireMember(workspaceId, caller.userId());
        return workspaces.members(workspaceId);
    }

    /** Admins change roles; only owners grant or take away the owner role; the last owner stays an owner. */
    Member changeRole(String workspaceId, CurrentUser caller, String userId, Role role, String ip) {
        MyWorkspace workspace = requireMember(workspaceId, caller.userId());
        requireRole(workspace, Role.ADMIN);
        Member before = transactions.execute(status -> {
            lock(workspaceId);
            Member target = workspaces.member(workspaceId, userId).orElseThrow(() -> ApiException.notFound("Member"));
            if ((target.role() == Role.OWNER || role == Role.OWNER) && workspace.role() != Role.OWNER) {
                throw ApiException.forbidden("Only an owner can grant or take away the owner role");
            }
            if (target.role() == Role.OWNER && role != Role.OWNER && workspaces.countOwners(workspaceId) <= 1) {
                throw ApiException.conflict("The last owner of a workspace cannot be demoted");
            }
            workspaces.setRole(workspaceId, userId, role);
            return target;
        });
        callers.membershipChanged(workspaceId, userId);
        audit.record(
                workspaceId,
                caller.userId(),
                "member.role_changed",
                Map.of("userId", userId, "from", before.role().wire(), "to", role.wire()),
                ip);
        return new Member(before.userId(), before.email(), before.name(), role);
    }

    /** Admins remove members (owners only by owners); anyone may leave; the last owner cannot go. */
    void remove(String workspaceId, CurrentUser caller, String userId, String ip) {
        MyWorkspace workspace = requireMember(workspaceId, caller.userId());
        boolean leaving = caller.userId().equals(userId);
        if (!leaving) {
            requireRole(workspace, Role.ADMIN);
        }
        Member removed = transactions.execute(status -> {
            lock(workspaceId);
            Member target = workspaces.member(workspaceId, userId).orElseThrow(() -> ApiException.notFound("Member"));
            if (target.role() == Role.OWNER && !leaving && workspace.role() != Role.OWNER) {
                throw ApiException.forbidden("Only an owner can remove an owner");
            }
            if (target.role() == Role.OWNER && workspaces.countOwners(workspaceId) <= 1) {
                throw ApiException.conflict("The last owner of a workspace cannot be removed");
            }
            workspaces.removeMember(workspaceId, userId);
            return target;
        });
        callers.membershipChanged(workspaceId, userId);
        audit.record(
                workspaceId,
                caller.userId(),
                "member.removed",
                Map.of("userId", removed.userId(), "role", removed.role().wire()),
                ip);
    }

    /**
     * Serializes membership changes of one workspace: a no-op update takes the row lock on PostgreSQL (SQLite
     * transactions already hold the write lock), so two owners cannot demote each other at the same time.
     */
    private void lock(String workspaceId) {
        jdbc.sql("UPDATE workspaces SET name = name WHERE id = :id")
                .param("id", workspaceId)
                .update();
    }
}
