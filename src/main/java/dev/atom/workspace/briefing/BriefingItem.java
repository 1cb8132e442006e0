package dev.atom.workspace.briefing;

import java.time.Instant;

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

    /** A meeting of the day; {@code conflict} when it overlaps another busy one. */
    record Meeting(String id, String title, Instant start, Instant end, boolean conflict, String link)
            implements BriefingItem {
        @Override
        public String label() {
            return title;
        }
    }

    /** An important unread message. */
    record Message(String id, String from, String subject, Instant receivedAt, String link) implements BriefingItem {
        @Override
        public String label() {
            return (subject == null || subject.isBlank() ? "(no subject)" : subject) + " from " + from;
        }
    }

    /** An open task due on the day ({@code overdue} when its due time has passed). */
    record DueTask(String id, String title, Instant due, boolean overdue, String priority, String link)
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
