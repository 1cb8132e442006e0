package dev.atom.identity.internal;

import dev.atom.identity.Members.Member;
import dev.atom.identity.Role;
import dev.atom.shared.time.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Workspaces (the tenants) and who belongs to them with which role. Thread-safe. */
@Repository
class WorkspaceRepository {
    private final JdbcClient jdbc;

    WorkspaceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record WorkspaceRow(String id, String name, Instant createdAt) {}

    /** A workspace as one of its members sees it. */
    record MyWorkspace(String id, String name, Role role, Instant createdAt) {}

    void insert(WorkspaceRow workspace) {
        jdbc.sql("INSERT INTO workspaces (id, name, created_at) VALUES (:id, :name, :at)")
                .param("id", workspace.id())
                .param("name", workspace.name())
                .param("at", Timestamps.format(workspace.createdAt()))
                .update();
    }

    boolean rename(String workspaceId, String name) {
        return jdbc.sql("UPDATE workspaces SET name = :name WHERE id = :id")
                        .param("name", name)
                        .param("id", workspaceId)
                        .update()
                == 1;
    }

    /** The workspace as seen by {@code userId}; empty unless they are a member. */
    Optional<MyWorkspace> findForMember(String workspaceId, String userId) {
        return jdbc.sql("""
                SELECT w.id, w.name, m.role, w.created_at FROM workspaces w
                JOIN memberships m ON m.workspace_id = w.id
                WHERE w.id = :ws AND m.user_id = :user""")
                .param("ws", workspaceId)
                .param("user", userId)
                .query(WorkspaceRepository::myWorkspace)
                .optional();
    }

    List<MyWorkspace> listForMember(String userId) {
        return jdbc.sql("""
                SELECT w.id, w.name, m.role, w.created_at FROM workspaces w
                JOIN memberships m ON m.workspace_id = w.id
                WHERE m.user_id = :user ORDER BY w.created_at, w.id""")
                .param("user", userId)
                .query(WorkspaceRepository::myWorkspace)
                .list();
    }

    /** Adds a member; false when they already belong to the workspace (their role is left alone). */
    boolean addMember(String workspaceId, String userId, Role role, Instant at) {
        return jdbc.sql("""
                        INSERT INTO memberships (workspace_id, user_id, role, created_at)
                        VALUES (:ws, :user, :role, :at) ON CONFLICT (workspace_id, user_id) DO NOTHING""")
                        .param("ws", workspaceId)
                        .param("user", userId)
                        .param("role", role.wire())
                        .param("at", Timestamps.format(at))
                        .update()
                == 1;
    }

    Optional<Member> member(String workspaceId, String userId) {
        return jdbc.sql("""
                SELECT u.id, u.email, u.name, m.role FROM memberships m JOIN users u ON u.id = m.user_id
                WHERE m.workspace_id = :ws AND m.user_id = :user""")
                .param("ws", workspaceId)
                .param("user", userId)
                .query(WorkspaceRepository::member)
                .optional();
    }

    List<Member> members(String workspaceId) {
        return jdbc.sql("""
                SELECT u.id, u.email, u.name, m.role FROM memberships m JOIN users u ON u.id = m.user_id
                WHERE m.workspace_id = :ws ORDER BY m.created_at, u.id""")
                .param("ws", workspaceId)
                .query(WorkspaceRepository::member)
                .list();
    }

    boolean setRole(String workspaceId, String userId, Role role) {
        return jdbc.sql("UPDATE memberships SET role = :role WHERE workspace_id = :ws AND user_id = :user")
                        .param("role", role.wire())
                        .param("ws", workspaceId)
                        .param("user", userId)
                        .update()
                == 1;
    }

    boolean removeMember(String workspaceId, String userId) {
        return jdbc.sql("DELETE FROM memberships WHERE workspace_id = :ws AND user_id = :user")
                        .param("ws", workspaceId)
                        .param("user", userId)
                        .update()
                == 1;
    }

    int countOwners(String workspaceId) {
        return jdbc.sql("SELECT COUNT(*) FROM memberships WHERE workspace_id = :ws AND role = 'owner'")
                .param("ws", workspaceId)
                .query(Integer.class)
                .single();
    }

    private static MyWorkspace myWorkspace(ResultSet rs, int n) throws SQLException {
        return new MyWorkspace(
                rs.getString("id"),
                rs.getString("name"),
                Role.fromWire(rs.getString("role")),
                Timestamps.parse(rs.getString("created_at")));
    }

    private static Member member(ResultSet rs, int n) throws SQLException {
        return new Member(
                rs.getString("id"), rs.getString("email"), rs.getString("name"), Role.fromWire(rs.getString("role")));
    }
}
