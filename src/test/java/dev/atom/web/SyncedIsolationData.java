package dev.atom.web;

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
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Synced data for the isolation tests: a mail, a calendar and an issue-tracker connection of one member, each with
 * one item written through the stores as the sync engine writes them. Titles carry a marker the tests look for in
 * every answer another member gets.
 */
record SyncedIsolationData(JdbcClient jdbc, List<SyncStore> stores) {

    /** The ids of what was made: connections by connector, and the three items' titles. */
    record Made(Map<String, String> connections, String mailSubject, String eventTitle, String issueTitle) {}

    /** A gmail, a google-calendar and a github connection of {@code owner} with one item each. */
    Made seed(String workspaceId, String owner, String visibility, String marker) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String gmail = connection(workspaceId, "gmail", owner, visibility, marker + " mailbox");
        String calendar = connection(workspaceId, "google-calendar", owner, visibility, marker + " calendar");
        String github = connection(workspaceId, "github", owner, visibility, marker + " issues");
        String subject = marker + " mail";
        String title = marker + " dentist";
        String issue = marker + " issue";
        apply(workspaceId, gmail, "gmail", "gmail.messages", message(Ids.newId(), subject, now.minusSeconds(600)));
        Instant start = now.plus(1, ChronoUnit.HOURS);
        apply(workspaceId, calendar, "google-calendar", "google-calendar.events", event(title, start));
        apply(workspaceId, github, "github", "github.issues", issue(issue, now));
        return new Made(Map.of("gmail", gmail, "google-calendar", calendar, "github", github), subject, title, issue);
    }

    private String connection(String workspaceId, String connector, String owner, String visibility, String name) {
        String id = Ids.newId();
        String now = Timestamps.format(Instant.now());
        jdbc.sql("""
                INSERT INTO connections (id, workspace_id, connector, name, status, created_by, created_at, updated_at,
                    visibility)
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

    private void apply(String workspaceId, String connectionId, String connector, String feed, SyncedItem item) {
        SyncStore store = stores.stream()
                .filter(s -> s.itemType().equals(item.getClass()))
                .findFirst()
                .orElseThrow();
        store.apply(
                new SyncScope(workspaceId, connectionId, connector, feed),
                List.of(new SyncChange.Upsert(item)),
                Instant.now());
    }

    private static SyncedMessage message(String externalId, String subject, Instant at) {
        return new SyncedMessage(
                externalId,
                "email",
                "t-" + externalId,
                "INBOX",
                "sender@example.com",
                "Sender",
                List.of("me@example.com"),
                List.of(),
                subject,
                subject + " (snippet)",
                "Body of " + subject,
                at,
                true,
                false,
                true,
                false,
                List.of("INBOX", "UNREAD"),
                "<" + externalId + "@example.com>",
                "https://mail.example.com/" + externalId,
                List.of(),
                null,
                null);
    }

    private static SyncedEvent event(String title, Instant start) {
        String id = "primary/" + Ids.newId();
        return new SyncedEvent(
                id,
                "primary",
                "Work",
                "#0b8043",
                title,
                "About " + title,
                "Room 1",
                start,
                start.plus(1, ChronoUnit.HOURS),
                false,
                null,
                null,
                "UTC",
                "owner@example.com",
                List.of(),
                List.of(),
                null,
                null,
                false,
                true,
                "https://calendar.example.com/" + id,
                null,
                start);
    }

    private static SyncedWorkItem issue(String title, Instant at) {
        String id = "acme/app#" + Math.abs(title.hashCode() % 1000);
        return new SyncedWorkItem(
                id,
                "issue",
                title,
                "acme/app",
                "open",
                false,
                null,
                true,
                "Body of " + title,
                "https://github.example.com/" + id,
                at,
                Map.of("owner", "acme", "repo", "app", "number", id.substring(id.indexOf('#') + 1)));
    }
}
