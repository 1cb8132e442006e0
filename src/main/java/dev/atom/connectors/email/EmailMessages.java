package dev.atom.connectors.email;

import dev.atom.connectors.Schema;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The records of the mailbox actions (search, read, mark), with their schema descriptions. */
final class EmailMessages {
    static final int MAX_SEARCH = 100;

    private EmailMessages() {}

    @Schema(description = "Which messages to find; criteria combine with AND")
    record SearchInput(
            @Schema(description = "The folder to search (default INBOX)", examples = "\"INBOX\"") @Nullable
            String folder,

            @Schema(description = "Text the From header contains") @Nullable
            String from,

            @Schema(description = "Text the To header contains") @Nullable
            String to,

            @Schema(description = "Text the Subject contains") @Nullable
            String subject,

            @Schema(description = "Text the headers or body contain") @Nullable
            String text,

            @Schema(
                    description = "Only mail received on or after this day (ISO-8601 date or date-time; IMAP"
                            + " compares whole days)",
                    examples = "\"2026-11-01\"")
            @Nullable
            String since,

            @Schema(description = "Only unread mail when true") @Nullable
            Boolean unseen,

            @Schema(description = "How many at most, newest first (1-100, default 20)", minimum = 1, maximum = 100)
            @Nullable
            Integer maxResults) {}

    @Schema(description = "A message found by a search")
    record Found(
            @Schema(description = "Its UID in the folder (read or mark it with this)")
            long uid,

            @Schema(description = "The Message-ID header") @Nullable
            String messageId,

            @Schema(description = "The Subject, decoded") @Nullable
            String subject,

            @Schema(description = "The From addresses") List<String> from,
            @Schema(description = "The To addresses") List<String> to,

            @Schema(description = "When it was sent (the Date header), or received") @Nullable
            Instant date,

            @Schema(description = "Whether it has been read")
            boolean seen,

            @Schema(description = "Whether it is flagged (starred)")
            boolean flagged,

            @Schema(description = "The start of its text") @Nullable
            String snippet) {}

    record SearchOutput(
            @Schema(description = "The folder searched") String folder,

            @Schema(description = "The folder's UIDVALIDITY: UIDs mean the same while it stays the same")
            long uidValidity,

            @Schema(description = "The messages found, newest first")
            List<Found> messages,

            @Schema(description = "How many matched in all (more than listed when over maxResults)")
            int total) {}

    @Schema(description = "Which message")
    record ReadInput(
            @Schema(description = "The folder (default INBOX)") @Nullable
            String folder,

            @Schema(description = "The message's UID (from a search or the trigger)", minimum = 1)
            long uid) {}

    @Schema(description = "An attachment or other non-body part (its content is not returned)")
    record Attachment(
            @Schema(description = "The file name, decoded") @Nullable
            String filename,

            @Schema(description = "The MIME type") String contentType,

            @Schema(description = "The decoded size in bytes")
            long size,

            @Schema(description = "The Content-ID (an inline image's cid: reference)") @Nullable
            String contentId,

            @Schema(description = "Whether it is shown inline")
            boolean inline) {}

    record Message(
            @Schema(description = "Its UID in the folder") long uid,
            @Schema(description = "The folder") String folder,

            @Schema(description = "The Message-ID header (give it as inReplyTo to answer)") @Nullable
            String messageId,

            @Schema(description = "The Subject, decoded") @Nullable
            String subject,

            @Schema(description = "The From addresses") List<String> from,
            @Schema(description = "The To addresses") List<String> to,
            @Schema(description = "The Cc addresses") List<String> cc,
            @Schema(description = "The Reply-To addresses") List<String> replyTo,

            @Schema(description = "The Date header") @Nullable
            Instant date,

            @Schema(description = "The In-Reply-To header") @Nullable
            String inReplyTo,

            @Schema(description = "The References header") @Nullable
            String references,

            @Schema(description = "The text/plain body, decoded") @Nullable
            String text,

            @Schema(description = "The text/html body, decoded") @Nullable
            String html,

            @Schema(description = "Whether a body was cut at a million characters")
            boolean truncated,

            @Schema(description = "Attachments: names, types and sizes")
            List<Attachment> attachments,

            @Schema(description = "Whether it has been read (reading it here does not mark it)")
            boolean seen,

            @Schema(description = "Whether it is flagged") boolean flagged) {}

    @Schema(description = "Messages to change, and how")
    record MarkInput(
            @Schema(description = "The folder they are in (default INBOX)") @Nullable
            String folder,

            @Schema(description = "Their UIDs") List<Long> uids,

            @Schema(description = "Mark read (true) or unread (false); unchanged when absent") @Nullable
            Boolean seen,

            @Schema(description = "Flag (true) or unflag (false); unchanged when absent") @Nullable
            Boolean flagged,

            @Schema(description = "Move them to this folder (after the flags are set)", examples = "\"Archive\"")
            @Nullable
            String moveTo) {}

    @Schema(description = "Messages to archive")
    record ArchiveInput(
            @Schema(description = "The folder they are in (default INBOX)") @Nullable
            String folder,

            @Schema(description = "Their UIDs") List<Long> uids) {}

    record MarkOutput(
            @Schema(description = "How many messages were changed")
            int updated,

            @Schema(description = "The folder they are in now")
            String folder) {}
}
