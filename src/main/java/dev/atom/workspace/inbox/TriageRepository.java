package dev.atom.workspace.inbox;

import dev.atom.shared.time.Timestamps;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What triage knows about a user's people: the VIP senders they marked, and the people they wrote to (learnt
 * from their own sent mail, per connection) or met. Addresses are stored lower-cased. Thread-safe (stateless).
 */
@Repository
class TriageRepository {
    private final JdbcClient jdbc;

    TriageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Marks the sender as a VIP of the user; false when it already was. */
    boolean addVip(String workspaceId, String userId, String address, Instant at) {
        return jdbc.sql("""
                        INSERT INTO inbox_vips (workspace_id, user_id, address, created_at) VALUES (:ws, :user, :address, :at)
                        ON CONFLICT (workspace_id, user_id, address) DO NOTHING
                        """)
                        .param("ws", workspaceId)
                        .param("user", userId)
                        .param("address", normal(address))
                        .param("at", Timestamps.format(at))
                        .update()
                > 0;
    }

    boolean removeVip(String workspaceId, String userId, String address) {
        return jdbc.sql("DELETE FROM inbox_vips WHERE workspace_id = :ws AND user_id = :user AND address = :address")
                        .param("ws", workspaceId)
                        .param("user", userId)
                        .param("address", normal(address))
                        .update()
                > 0;
    }

    List<String> vips(String workspaceId, String userId) {
        return jdbc.sql("SELECT address FROM inbox_vips WHERE workspace_id = :ws AND user_id = :user ORDER BY address")
                .param("ws", workspaceId)
                .param("user", userId)
                .query(String.class)
                .list();
    }

    /** Remembers that the user wrote to (or met, {@code how}) these people through the connection. */
    void addContacts(
            String workspaceId,
            String userId,
            String connectionId,
            Collection<String> addresses,
            String how,
            Instant at) {
        for (String address : addresses) {
            if (address == null || address.isBlank()) {
                continue;
            }
            jdbc.sql("""
                    INSERT INTO inbox_contacts (workspace_id, user_id, address, connection_id, how, last_at)
                    VALUES (:ws, :user, :address, :conn, :how, :at)
                    ON CONFLICT (workspace_id, user_id, address, connection_id) DO UPDATE SET how = excluded.how,
                        last_at = CASE WHEN excluded.last_at > inbox_contacts.last_at THEN excluded.last_at
                            ELSE inbox_contacts.last_at END
                    """)
                    .param("ws", workspaceId)
                    .param("user", userId)
                    .param("address", normal(address))
                    .param("conn", connectionId)
                    .param("how", how)
                    .param("at", Timestamps.format(at))
                    .update();
        }
    }

    /** Whether the user wrote to or met {@code address} through any connection. */
    boolean isContact(String workspaceId, String userId, String address) {
        return jdbc.sql("SELECT COUNT(*) FROM inbox_contacts WHERE workspace_id = :ws AND user_id = :user"
                                + " AND address = :address")
                        .param("ws", workspaceId)
                        .param("user", userId)
                        .param("address", normal(address))
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Lower-cased, with a display name ("Ann <ann@x.org>") reduced to the address. */
    static String normal(String address) {
        String a = address.strip();
        int lt = a.lastIndexOf('<');
        int gt = a.lastIndexOf('>');
        if (lt >= 0 && gt > lt) {
            a = a.substring(lt + 1, gt);
        }
        return a.strip().toLowerCase(Locale.ROOT);
    }
}
