package dev.atom.identity.internal;

import dev.atom.identity.Role;
import dev.atom.shared.time.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Invitations to join a workspace; the token is stored only as its SHA-256 hash. Thread-safe. */
@Repository
class InvitationRepository {
    private final JdbcClient jdbc;

    InvitationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Invitation(
            String id,
            String workspaceId,
            String email,
            Role role,
            String tokenHash,
            String invitedBy,
            Instant createdAt,
            Instant expiresAt,
            Instant acceptedAt) {}

    void insert(Invitation invitation) {
        jdbc.sql("""
                INSERT INTO invitations (id, workspace_id, email, role, token_hash, invited_by, created_at, expires_at)
                VALUES (:id, :ws, :email, :role, :hash, :by, :created, :expires)""")
                .param("id", invitation.id())
                .param("ws", invitation.workspaceId())
                .param("email", invitation.email())
                .param("role", invitation.role().wire())
                .param("hash", invitation.tokenHash())
                .param("by", invitation.invitedBy())
                .param("created", Timestamps.format(invitation.createdAt()))
                .param("expires", Timestamps.format(invitation.expiresAt()))
                .update();
    }

    /** Invitations not accepted yet and not expired, newest first. */
    List<Invitation> listPending(String workspaceId, Instant now) {
        return jdbc.sql("""
                SELECT * FROM invitations
                WHERE workspace_id = :ws AND accepted_at IS NULL AND expires_at > :now
                ORDER BY created_at DESC, id DESC""")
                .param("ws", workspaceId)
                .param("now", Timestamps.format(now))
                .query(InvitationRepository::row)
                .list();
    }

    Optional<Invitation> findByHash(String tokenHash) {
        return jdbc.sql("SELECT * FROM invitations WHERE token_hash = :hash")
                .param("hash", tokenHash)
                .query(InvitationRepository::row)
                .optional();
    }

    boolean delete(String workspaceId, String id) {
        return jdbc.sql("DELETE FROM invitations WHERE id = :id AND workspace_id = :ws")
                        .param("id", id)
                        .param("ws", workspaceId)
                        .update()
                == 1;
    }

    /** Marks an invitation accepted; false when it was accepted before (each token works once). */
    boolean markAccepted(String id, String userId, Instant at) {
        return jdbc.sql("""
                        UPDATE invitations SET accepted_at = :at, accepted_by = :user
                        WHERE id = :id AND accepted_at IS NULL""")
                        .param("at", Timestamps.format(at))
                        .param("user", userId)
                        .param("id", id)
                        .update()
                == 1;
    }

    /** Deletes invitations that can never be accepted again: accepted or expired ones. */
    int deleteUsedOrExpired(Instant now) {
        return jdbc.sql("DELETE FROM invitations WHERE accepted_at IS NOT NULL OR expires_at < :now")
                .param("now", Timestamps.format(now))
                .update();
    }

    private static Invitation row(ResultSet rs, int n) throws SQLException {
        return new Invitation(
                rs.getString("id"),
                rs.getString("workspace_id"),
                rs.getString("email"),
                Role.fromWire(rs.getString("role")),
                rs.getString("token_hash"),
                rs.getString("invited_by"),
                Timestamps.parse(rs.getString("created_at")),
                Timestamps.parse(rs.getString("expires_at")),
                Timestamps.parse(rs.getString("accepted_at")));
    }
}
