package dev.atom.workspace.calendar;

import dev.atom.shared.time.Timestamps;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Per-user calendar settings (calendar_settings): whether colleagues may see my busy times. Thread-safe. */
@Repository
class CalendarSettingsRepository {
    private final JdbcClient jdbc;

    CalendarSettingsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** False until the user turns it on: free/busy of private calendars is not offered by default. */
    boolean sharesFreeBusy(String workspaceId, String userId) {
        return jdbc.sql("SELECT share_free_busy FROM calendar_settings WHERE workspace_id = :ws AND user_id = :user")
                .param("ws", workspaceId)
                .param("user", userId)
                .query(Integer.class)
                .optional()
                .map(v -> v == 1)
                .orElse(false);
    }

    void setSharesFreeBusy(String workspaceId, String userId, boolean share, Instant at) {
        jdbc.sql("""
                INSERT INTO calendar_settings (workspace_id, user_id, share_free_busy, updated_at)
                VALUES (:ws, :user, :share, :at)
                ON CONFLICT (workspace_id, user_id) DO UPDATE SET share_free_busy = excluded.share_free_busy,
                    updated_at = excluded.updated_at
                """)
                .param("ws", workspaceId)
                .param("user", userId)
                .param("share", share ? 1 : 0)
                .param("at", Timestamps.format(at))
                .update();
    }
}
