package dev.atom.workspace.inbox;

import dev.atom.connectors.SyncedMessage;
import dev.atom.shared.Ids;
import dev.atom.shared.time.Timestamps;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Messages and connection rows for the inbox's tests (benchmarks use it too). */
final class InboxFixtures {
    private InboxFixtures() {}

    /** An e-mail received at {@code at} from {@code from}, unread, directly to the account unless said. */
    static SyncedMessage mail(String externalId, String from, String subject, Instant at) {
        return new SyncedMessage(
                externalId,
                "email",
                "t-" + externalId,
                "INBOX",
                from,
                null,
                List.of("me@example.com"),
                List.of(),
                subject,
                subject + " (snippet)",
                "Body of " + subject,
                at,
                true,
                false,
                false,
                false,
                List.of(),
                "<" + externalId + "@example.com>",
                null,
                List.of(),
                null,
                null);
    }

    static SyncedMessage with(SyncedMessage m, boolean unread, boolean fromMe, boolean direct, boolean mentions) {
        return new SyncedMessage(
                m.externalId(),
                m.kind(),
                m.threadId(),
                m.folder(),
                m.from(),
                m.fromName(),
                m.to(),
                m.cc(),
                m.subject(),
                m.snippet(),
                m.bodyText(),
                m.receivedAt(),
                unread,
                fromMe,
                direct,
                mentions,
                m.labels(),
                m.messageIdHeader(),
                m.link(),
                m.replyTo(),
                m.references(),
                m.problem());
    }

    static SyncedMessage inThread(SyncedMessage m, String threadId) {
        return new SyncedMessage(
                m.externalId(),
                m.kind(),
                threadId,
                m.folder(),
                m.from(),
                m.fromName(),
                m.to(),
                m.cc(),
                m.subject(),
                m.snippet(),
                m.bodyText(),
                m.receivedAt(),
                m.unread(),
                m.fromMe(),
                m.directToMe(),
                m.mentionsMe(),
                m.labels(),
                m.messageIdHeader(),
                m.link(),
                m.replyTo(),
                m.references(),
                m.problem());
    }

    /** Inserts a connection row owned by {@code owner}; returns its id. */
    static String connection(JdbcClient jdbc, String workspaceId, String connector, String owner, String visibility) {
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
                .param("name", connector + " of " + owner)
                .param("owner", owner)
                .param("now", now)
                .param("visibility", visibility)
                .update();
        return id;
    }
}
