package dev.atom.connectors.email;

import dev.atom.connectors.Action;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.AuthSpec;
import dev.atom.connectors.AuthSpec.CredentialField;
import dev.atom.connectors.BaseConnector;
import dev.atom.connectors.Health;
import dev.atom.connectors.SyncFeed;
import dev.atom.connectors.Trigger;
import dev.atom.shared.net.SsrfGuard;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * E-mail over the standards: IMAP to search, read and mark, SMTP to send, and a new-mail trigger that polls
 * IMAP. Works with any provider that offers IMAP and SMTP with a password (Gmail, iCloud and Fastmail with an
 * app password; Dovecot, Exchange with basic auth...). Every host passes the SSRF guard. Stateless.
 */
@Component
class EmailConnector extends BaseConnector {
    static final String IMAP_HOST = "imap_host";
    static final String IMAP_PORT = "imap_port";
    static final String IMAP_SECURITY = "imap_security";
    static final String SMTP_HOST = "smtp_host";
    static final String SMTP_PORT = "smtp_port";
    static final String SMTP_SECURITY = "smtp_security";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String FROM = "from_address";
    private static final String PORT = "[0-9]{1,5}";

    private final MailServers servers;
    private final MailboxActions mailbox;
    private final List<Action<?, ?>> actions;

    private final ImapPages pages;

    /**
     * @param pageBytes the most bytes of new mail one IMAP sync page fetches (one larger message gets its own page)
     * @param pageMessages the most messages one IMAP sync page fetches
     */
    EmailConnector(
            SsrfGuard guard,
            @Value("${ATOM_EMAIL_TRUST_HOSTS:}") String trustHosts,
            @Value("${atom.connectors.email.page-bytes:8388608}") long pageBytes,
            @Value("${atom.connectors.email.page-messages:5000}") int pageMessages) {
        super("email", "E-mail (IMAP/SMTP)", null, List.of("communication", "email"), basic());
        this.pages = new ImapPages(pageBytes, pageMessages);
        this.servers = new MailServers(
                guard,
                Arrays.stream(trustHosts.split(","))
                        .map(s -> s.strip().toLowerCase(Locale.ROOT))
                        .filter(s -> !s.isEmpty())
                        .collect(Collectors.toUnmodifiableSet()),
                Duration.ofSeconds(10),
                Duration.ofSeconds(30));
        this.mailbox = new MailboxActions(servers);
        List<Action<?, ?>> all = new java.util.ArrayList<>(mailbox.actions());
        all.add(2, new EmailSend(servers));
        this.actions = List.copyOf(all);
    }

    /** A person's own data: connections are private to whoever made them unless shared on purpose. */
    @Override
    public boolean readsPersonalData() {
        return true;
    }

    /** Basic auth: the IMAP and SMTP servers and the account's user name and (app) password. */
    private static AuthSpec basic() {
        return new AuthSpec.Basic(List.of(
                CredentialField.text(IMAP_HOST, "IMAP server"),
                new CredentialField(IMAP_PORT, "IMAP port", false, false, PORT, "993 unless your provider says"),
                new CredentialField(
                        IMAP_SECURITY, "IMAP security", false, false, "ssl|starttls|none", "ssl (default), starttls"),
                CredentialField.text(SMTP_HOST, "SMTP server"),
                new CredentialField(SMTP_PORT, "SMTP port", false, false, PORT, "587 unless your provider says"),
                new CredentialField(
                        SMTP_SECURITY,
                        "SMTP security",
                        false,
                        false,
                        "ssl|starttls|none",
                        "starttls (default, port 587) or ssl (port 465)"),
                CredentialField.text(USERNAME, "User name"),
                new CredentialField(
                        PASSWORD, "Password", true, true, null, "an app password where the provider offers them"),
                new CredentialField(FROM, "From address", false, false, null, "defaults to the user name")));
    }

    @Override
    public List<Action<?, ?>> actions() {
        return actions;
    }

    @Override
    public List<SyncFeed> syncFeeds() {
        return List.of(new ImapMessageFeed(mailbox, pages));
    }

    @Override
    public List<Trigger> triggers() {
        return List.of(new EmailNewMailTrigger(mailbox));
    }

    /** IMAP login and SELECT INBOX, then SMTP EHLO and AUTH: both halves must work. */
    @Override
    public Health check(ActionContext context) {
        mailbox.inFolder(context, "INBOX", Folder.READ_ONLY, Folder::getMessageCount);
        MailAccount account = MailAccount.of(context.credentials());
        try (Transport transport = servers.smtp(account)) {
            return Health.ok(account.username());
        } catch (MessagingException e) {
            throw MailErrors.of(e, "SMTP", null);
        }
    }
}
