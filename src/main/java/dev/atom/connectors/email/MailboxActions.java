package dev.atom.connectors.email;

import dev.atom.connectors.Action;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.email.EmailMessages.ArchiveInput;
import dev.atom.connectors.email.EmailMessages.Found;
import dev.atom.connectors.email.EmailMessages.MarkInput;
import dev.atom.connectors.email.EmailMessages.MarkOutput;
import dev.atom.connectors.email.EmailMessages.ReadInput;
import dev.atom.connectors.email.EmailMessages.SearchInput;
import dev.atom.connectors.email.EmailMessages.SearchOutput;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.search.AndTerm;
import jakarta.mail.search.BodyTerm;
import jakarta.mail.search.ComparisonTerm;
import jakarta.mail.search.FlagTerm;
import jakarta.mail.search.FromStringTerm;
import jakarta.mail.search.OrTerm;
import jakarta.mail.search.ReceivedDateTerm;
import jakarta.mail.search.RecipientStringTerm;
import jakarta.mail.search.SearchTerm;
import jakarta.mail.search.SubjectTerm;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;

/** email.search, email.read and email.mark over IMAP. Stateless; one IMAP session per call. */
final class MailboxActions {
    private final MailServers servers;

    MailboxActions(MailServers servers) {
        this.servers = servers;
    }

    List<Action<?, ?>> actions() {
        return List.of(
                BaseAction.read(
                        "email.search",
                        "Search e-mail",
                        "Finds messages in a folder by sender, recipient, subject, text, date or unread state.",
                        SearchInput.class,
                        SearchOutput.class,
                        this::search),
                BaseAction.read(
                        "email.read",
                        "Read an e-mail",
                        "Reads one message by UID: headers, text and HTML bodies, attachment names and sizes.",
                        ReadInput.class,
                        EmailMessages.Message.class,
                        this::read),
                BaseAction.write(
                        "email.mark",
                        "Mark or move e-mail",
                        "Marks messages read or unread, flags or unflags them, or moves them to another folder.",
                        MarkInput.class,
                        MarkOutput.class,
                        Action.Idempotency.NATURAL,
                        this::mark),
                BaseAction.write(
                        "email.archive",
                        "Archive e-mail",
                        "Moves messages out of a folder into the account's archive folder (the one marked \\Archive,"
                                + " else Archive, created when missing).",
                        ArchiveInput.class,
                        MarkOutput.class,
                        Action.Idempotency.NATURAL,
                        this::archive));
    }

    private SearchOutput search(ActionContext context, SearchInput in) {
        int max = in.maxResults() == null ? 20 : in.maxResults();
        SearchTerm term = term(in);
        return inFolder(context, in.folder(), Folder.READ_ONLY, folder -> {
            Message[] all = term == null ? folder.getMessages() : folder.search(term);
            int from = Math.max(0, all.length - max);
            Message[] page = java.util.Arrays.copyOfRange(all, from, all.length);
            FetchProfile profile = new FetchProfile();
            profile.add(FetchProfile.Item.ENVELOPE);
            profile.add(FetchProfile.Item.FLAGS);
            profile.add(UIDFolder.FetchProfileItem.UID);
            folder.fetch(page, profile);
            List<Found> found = new ArrayList<>();
            UIDFolder uids = (UIDFolder) folder;
            for (int i = page.length - 1; i >= 0; i--) {
                Message m = page[i];
                found.add(new Found(
                        uids.getUID(m),
                        MessageParts.first(m, "Message-ID"),
                        m.getSubject(),
                        MessageParts.addresses(m.getFrom()),
                        MessageParts.addresses(m.getRecipients(Message.RecipientType.TO)),
                        date(m),
                        m.isSet(Flags.Flag.SEEN),
                        m.isSet(Flags.Flag.FLAGGED),
                        snippet(m)));
            }
            return new SearchOutput(folder.getFullName(), uids.getUIDValidity(), found, all.length);
        });
    }

    private EmailMessages.Message read(ActionContext context, ReadInput in) {
        return inFolder(context, in.folder(), Folder.READ_ONLY, folder -> {
            Message m = byUid(folder, in.uid(), "uid");
            MessageParts parts = MessageParts.of(m);
            return new EmailMessages.Message(
                    in.uid(),
                    folder.getFullName(),
                    MessageParts.first(m, "Message-ID"),
                    m.getSubject(),
                    MessageParts.addresses(m.getFrom()),
                    MessageParts.addresses(m.getRecipients(Message.RecipientType.TO)),
                    MessageParts.addresses(m.getRecipients(Message.RecipientType.CC)),
                    MessageParts.addresses(m.getReplyTo()),
                    date(m),
                    MessageParts.first(m, "In-Reply-To"),
                    MessageParts.first(m, "References"),
                    parts.text,
                    parts.html,
                    parts.truncated,
                    parts.attachments,
                    m.isSet(Flags.Flag.SEEN),
                    m.isSet(Flags.Flag.FLAGGED));
        });
    }

    private MarkOutput mark(ActionContext context, MarkInput in) {
        if (in.uids().isEmpty()) {
            throw new ConnectorException.InvalidInput("uids", "must name at least one message");
        }
        if (in.seen() == null
                && in.flagged() == null
                && (in.moveTo() == null || in.moveTo().isBlank())) {
            throw new ConnectorException.InvalidInput("seen", "give seen, flagged or moveTo");
        }
        return inFolder(context, in.folder(), Folder.READ_WRITE, folder -> {
            Message[] messages = new Message[in.uids().size()];
            for (int i = 0; i < messages.length; i++) {
                messages[i] = byUid(folder, in.uids().get(i), "uids[" + i + "]");
            }
            if (in.seen() != null) {
                folder.setFlags(messages, new Flags(Flags.Flag.SEEN), in.seen());
            }
            if (in.flagged() != null) {
                folder.setFlags(messages, new Flags(Flags.Flag.FLAGGED), in.flagged());
            }
            String now = folder.getFullName();
            if (in.moveTo() != null && !in.moveTo().isBlank()) {
                Folder target = folder.getStore().getFolder(in.moveTo().strip());
                if (!target.exists()) {
                    throw new ConnectorException.Permanent(0, "moveTo: no such folder");
                }
                IMAPFolder imap = (IMAPFolder) folder;
                if (((IMAPStore) folder.getStore()).hasCapability("MOVE")) {
                    imap.moveMessages(messages, target);
                } else {
                    // RFC 6851 absent: copy, then delete the originals
                    imap.copyMessages(messages, target);
                    imap.setFlags(messages, new Flags(Flags.Flag.DELETED), true);
                    imap.expunge(messages);
                }
                now = target.getFullName();
            }
            return new MarkOutput(messages.length, now);
        });
    }

    private MarkOutput archive(ActionContext context, ArchiveInput in) {
        if (in.uids().isEmpty()) {
            throw new ConnectorException.InvalidInput("uids", "must name at least one message");
        }
        String target = inFolder(context, in.folder(), Folder.READ_ONLY, folder -> {
            for (Folder f : folder.getStore().getDefaultFolder().list("*")) {
                if (f instanceof IMAPFolder imap
                        && java.util.Arrays.asList(imap.getAttributes()).contains("\\Archive")) {
                    return f.getFullName();
                }
            }
            Folder archive = folder.getStore().getFolder("Archive");
            if (!archive.exists() && !archive.create(Folder.HOLDS_MESSAGES)) {
                throw new ConnectorException.Permanent(0, "the archive folder could not be created");
            }
            return archive.getFullName();
        });
        return mark(context, new MarkInput(in.folder(), in.uids(), null, null, target));
    }

    /** The message with {@code uid}, or a permanent error naming {@code field}. */
    static Message byUid(Folder folder, long uid, String field) throws MessagingException {
        Message m = ((UIDFolder) folder).getMessageByUID(uid);
        if (m == null) {
            throw new ConnectorException.Permanent(0, field + ": no message with UID " + uid + " in this folder");
        }
        return m;
    }

    interface InFolder<T> {
        T apply(Folder folder) throws MessagingException, IOException;
    }

    /** Opens the account, then {@code name} (INBOX when blank) in {@code mode}, runs {@code work}, closes. */
    <T> T inFolder(ActionContext context, String name, int mode, InFolder<T> work) {
        MailAccount account = MailAccount.of(context.credentials());
        String folderName = name == null || name.isBlank() ? "INBOX" : name.strip();
        try (Store store = servers.imap(account)) {
            Folder folder = store.getFolder(folderName);
            try {
                folder.open(mode);
            } catch (MessagingException e) {
                throw MailErrors.of(e, "IMAP", "folder");
            }
            try {
                return work.apply(folder);
            } finally {
                if (folder.isOpen()) {
                    folder.close(false);
                }
            }
        } catch (MessagingException e) {
            throw MailErrors.of(e, "IMAP", null);
        } catch (IOException e) {
            throw new ConnectorException.Retriable(0, "the connection to the IMAP server failed", null);
        }
    }

    private static SearchTerm term(SearchInput in) {
        List<SearchTerm> terms = new ArrayList<>();
        if (present(in.from())) {
            terms.add(new FromStringTerm(in.from().strip()));
        }
        if (present(in.to())) {
            terms.add(new RecipientStringTerm(Message.RecipientType.TO, in.to().strip()));
        }
        if (present(in.subject())) {
            terms.add(new SubjectTerm(in.subject().strip()));
        }
        if (present(in.text())) {
            // IMAP TEXT searches headers and body; Jakarta Mail has no term for it, BODY or SUBJECT is close
            terms.add(new OrTerm(
                    new BodyTerm(in.text().strip()), new SubjectTerm(in.text().strip())));
        }
        if (present(in.since())) {
            terms.add(new ReceivedDateTerm(
                    ComparisonTerm.GE, Date.from(since(in.since().strip()))));
        }
        if (Boolean.TRUE.equals(in.unseen())) {
            terms.add(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
        }
        return switch (terms.size()) {
            case 0 -> null;
            case 1 -> terms.getFirst();
            default -> new AndTerm(terms.toArray(SearchTerm[]::new));
        };
    }

    private static Instant since(String s) {
        try {
            return s.length() == 10
                    ? LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC)
                    : OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw new ConnectorException.InvalidInput("since", "must be an ISO-8601 date or date-time with offset");
        }
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    static Instant date(Message m) throws MessagingException {
        Date d = m.getSentDate() != null ? m.getSentDate() : m.getReceivedDate();
        return d == null ? null : d.toInstant();
    }

    private static String snippet(Message m) {
        try {
            MessageParts parts = MessageParts.bodies(m);
            String text = parts.text != null
                    ? parts.text
                    : parts.html == null ? null : parts.html.replaceAll("(?s)<[^>]*>", " ");
            return MessageParts.snippet(text, 160);
        } catch (MessagingException | IOException e) {
            return null;
        }
    }
}
