package dev.atom.workspace.briefing;

import dev.atom.connectors.SyncChange;
import dev.atom.connectors.SyncedEvent;
import dev.atom.connectors.SyncedItem;
import dev.atom.connectors.SyncedMessage;
import dev.atom.connectors.SyncedWorkItem;
import dev.atom.shared.Ids;
import dev.atom.shared.time.Timestamps;
import dev.atom.workspace.sync.SyncScope;
import dev.atom.workspace.sync.SyncStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Synced data for the briefing's tests, put where the sync engine puts it: connection rows as the connectors module
 * writes them, and items through the real {@link SyncStore} beans of the calendar, inbox and work items.
 */
final class BriefingFixtures {
    private final JdbcClient jdbc;
    private final List<SyncStore> stores;

    BriefingFixtures(JdbcClient jdbc, List<SyncStore> stores) {
        this.jdbc = jdbc;
        this.stores = stores;
    }

    /** A connected connection of {@code connector} owned by {@code owner}; returns its id. */
    String connection(String workspaceId, String owner, String connector, String name, String visibility) {
        String id = Ids.newId();
        String now = Timestamps.format(Instant.parse("2026-01-01T00:00:00Z"));
        jdbc.sql("""
                INSERT INTO connections (id, workspace_id, connector, name, status, created_by, created_at,
                    updated_at, visibility)
                VALUES (:id, :ws, :connector, :name, 'connected', :owner, :now, :now, :visibility)
                """)
                .param("id", id)
                .param("ws", workspaceId)
                .param("connector", connector)
                .param("name", name)
                .param("owner", owner)
                .param("now", now)
                .param("visibility", visibility)
                .update();
        return id;
    }

    /** Stores the items as one sync page of the connection's feed {@code <connector>.<feed>}. */
    void sync(String workspaceId, String connectionId, String connector, String feed, SyncedItem... items) {
        Class<? extends SyncedItem> type = items[0].getClass();
        SyncStore store =
                stores.stream().filter(s -> s.itemType() == type).findFirst().orElseThrow();
        List<SyncChange> changes = java.util.Arrays.stream(items)
                .map(i -> (SyncChange) new SyncChange.Upsert(i))
                .toList();
        store.apply(
                new SyncScope(workspaceId, connectionId, connector, connector + "." + feed),
                changes,
                Instant.parse("2026-01-01T00:00:00Z"));
    }

    static SyncedEvent event(String id, String calendar, String title, String start, String end, boolean busy) {
        Instant s = Instant.parse(start);
        return new SyncedEvent(
                id,
                calendar.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'),
                calendar,
                "#0b8043",
                title,
                null,
                "Room 1",
                s,
                Instant.parse(end),
                false,
                null,
                null,
                "Europe/Berlin",
                null,
                List.of(),
                List.of(),
                null,
                null,
                false,
                busy,
                "https://calendar.example.com/" + id,
                null,
                s);
    }

    /** An unread e-mail from {@code from}; {@code direct} to the account (important) or to a list (not). */
    static SyncedMessage mail(String id, String from, String name, String subject, String at, boolean direct) {
        return new SyncedMessage(
                id,
                "email",
                "t-" + id,
                "INBOX",
                from,
                name,
                List.of("me@example.com"),
                List.of(),
                subject,
                subject + " (snippet)",
                "Hello. " + subject + " Please answer by Friday.",
                Instant.parse(at),
                true,
                false,
                direct,
                false,
                List.of(),
                "<" + id + "@example.com>",
                "https://mail.example.com/" + id,
                List.of(),
                null,
                null);
    }

    /** A Jira issue; {@code mine} when assigned to the connected account. */
    static SyncedWorkItem issue(String key, String title, LocalDate due, boolean done, boolean mine) {
        return new SyncedWorkItem(
                key,
                "issue",
                title,
                "ACME",
                done ? "Done" : "To Do",
                done,
                due,
                mine,
                null,
                "https://acme.atlassian.net/browse/" + key,
                Instant.parse("2026-01-01T00:00:00Z"),
                Map.of());
    }
}
