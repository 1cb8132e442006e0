package dev.atom.workspace.briefing;

import java.time.Instant;
import java.util.List;

/**
 * One item of a briefing section, as the API shows it: each kind is a record whose components are its JSON
 * fields, with an {@code id} (what the AI summary's citations point at) and a {@code link} to the item in Atom
 * (or at the service it came from).
 */
public sealed interface BriefingItem {

    String id();

    String link();

    /** The item in a few words, for the text forms and the AI summary. */
    String label();

    /**
     * An event of the day from any calendar the viewer sees (synced or Atom's local one); {@code conflict} when it
     * overlaps another busy one; {@code busy} false for events marked free (they leave the time free).
     * {@code link} opens it on the calendar page.
     */
    record Meeting(
            String id,
            String title,
            Instant start,
            Instant end,
            boolean allDay,
            String calendar,
            String location,
            boolean busy,
            boolean conflict,
            String link)
            implements BriefingItem {
        @Override
        public String label() {
            return title;
        }
    }

    /**
     * An important unread message; {@code from} is the sender's name (or address), {@code source} the connector
     * it came through, {@code why} what made it important (direct, vip, mention...).
     */
    record Message(
            String id,
            String from,
            String subject,
            String snippet,
            String source,
            List<String> why,
            Instant receivedAt,
            String link)
            implements BriefingItem {
        @Override
        public String label() {
            return (subject == null || subject.isBlank() ? "(no subject)" : subject) + " from " + from;
        }
    }

    /**
     * An open task due on the day ({@code overdue} when its due time has passed): Atom's own ({@code source}
     * {@code atom}) or a work item assigned to the viewer in a connected app ({@code source} its connector, e.g.
     * {@code jira}). Items from apps have a due date without a time: {@code allDay}, and {@code due} is the start
     * of that day in the briefing's zone.
     */
    record DueTask(
            String id,
            String title,
            Instant due,
            boolean allDay,
            boolean overdue,
            String priority,
            String source,
            String link)
            implements BriefingItem {
        @Override
        public String label() {
            return title;
        }
    }

    /** An approval step the viewer may decide; {@code id} is {@code <runId>/<stepId>}. */
    record Approval(
            String id,
            String runId,
            String stepId,
            String workflowId,
            String workflow,
            String message,
            Instant since,
            String link)
            implements BriefingItem {
        @Override
        public String label() {
            return workflow + (message == null || message.isBlank() ? "" : ": " + message);
        }
    }

    /** A failed run of one of the viewer's workflows; {@code id} is the run's. */
    record FailedRun(String id, String workflowId, String workflow, String error, Instant failedAt, String link)
            implements BriefingItem {
        @Override
        public String label() {
            return workflow + (error == null || error.isBlank() ? "" : " (" + error + ")");
        }
    }

    /** A connection the viewer may use whose credentials stopped working. */
    record Reconnect(String id, String name, String connector, String reason, String link) implements BriefingItem {
        @Override
        public String label() {
            return name + " (" + connector + ")";
        }
    }
}
