package dev.atom.workspace.inbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.atom.connectors.SyncedMessage;
import java.time.Instant;
import java.util.List;

/** The inbox API's shapes (field names as issue 10 gives them). */
final class InboxJson {
    private InboxJson() {}

    record Source(String connection, String connector) {}

    record Item(
            String id,
            Source source,
            String kind,
            String from,
            String fromName,
            List<String> to,
            String subject,
            String snippet,
            Instant receivedAt,
            String threadId,
            boolean unread,
            boolean important,
            List<String> importantBecause,
            String link) {

        static Item of(InboxMessage m) {
            SyncedMessage s = m.message();
            return new Item(
                    m.id(),
                    new Source(m.connectionId(), m.connectorId()),
                    s.kind(),
                    s.from(),
                    s.fromName(),
                    s.to(),
                    s.subject(),
                    s.snippet(),
                    s.receivedAt(),
                    s.threadId(),
                    s.unread(),
                    m.important(),
                    m.importantBecause(),
                    s.link() != null ? s.link() : "/inbox?open=" + m.id());
        }
    }

    record Page(
            List<Item> items,
            @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {
        static Page of(InboxRepository.Page page) {
            return new Page(page.items().stream().map(Item::of).toList(), page.nextCursor());
        }
    }

    record ThreadMessage(
            String id,
            String from,
            String fromName,
            List<String> to,
            List<String> cc,
            String subject,
            Instant receivedAt,
            boolean fromMe,
            String text,
            String problem) {
        static ThreadMessage of(InboxMessage m) {
            SyncedMessage s = m.message();
            return new ThreadMessage(
                    m.id(),
                    s.from(),
                    s.fromName(),
                    s.to(),
                    s.cc(),
                    s.subject(),
                    s.receivedAt(),
                    s.fromMe(),
                    s.bodyText() != null ? s.bodyText() : s.snippet(),
                    s.problem());
        }
    }

    /** One message with its whole thread as text, oldest first. */
    record Detail(Item item, List<ThreadMessage> thread, String text, Instant snoozedUntil, boolean archived) {}

    /** {@code method}: {@code ai} (then {@code model} wrote it) or {@code extractive}; {@code aiError} why not ai. */
    record Summary(String summary, String method, String model, String aiError) {}

    record Vips(List<String> vips) {}
}
