package dev.atom.connectors.email;

import dev.atom.connectors.ConnectorException;
import dev.atom.shared.net.BlockedUrlException;
import dev.atom.shared.net.SsrfGuard;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * Opens IMAP stores and SMTP transports for a {@link MailAccount}: the host passes the SSRF guard and the
 * socket goes to the checked address ({@link PinnedSocketFactory}); connect and read timeouts are always set;
 * STARTTLS, when chosen, is required. Hosts an operator lists in {@code ATOM_EMAIL_TRUST_HOSTS} have their TLS
 * certificate accepted as it is (a home server's self-signed one). Thread-safe (immutable).
 */
final class MailServers {
    private final SsrfGuard guard;
    private final Set<String> trustHosts;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    MailServers(SsrfGuard guard, Set<String> trustHosts, Duration connectTimeout, Duration readTimeout) {
        this.guard = guard;
        this.trustHosts = trustHosts;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /** A connected IMAP store; the caller closes it. */
    Store imap(MailAccount account) {
        MailAccount.Server server = account.imap();
        Session session = Session.getInstance(properties("imap", server));
        try {
            Store store = session.getStore("imap");
            store.connect(server.host(), server.port(), account.username(), account.password());
            return store;
        } catch (MessagingException e) {
            throw MailErrors.of(e, "IMAP", null);
        }
    }

    /** A connected (EHLO, AUTH done) SMTP transport; the caller closes it. */
    Transport smtp(MailAccount account) {
        MailAccount.Server server = account.smtp();
        Session session = session(account);
        try {
            Transport transport = session.getTransport("smtp");
            transport.connect(server.host(), server.port(), account.username(), account.password());
            return transport;
        } catch (MessagingException e) {
            throw MailErrors.of(e, "SMTP", null);
        }
    }

    /** The SMTP session messages to send are made in (it carries the settings they are sent with). */
    Session session(MailAccount account) {
        return Session.getInstance(properties("smtp", account.smtp()));
    }

    private Properties properties(String protocol, MailAccount.Server server) {
        SsrfGuard.Target target = check(protocol, server);
        String p = "mail." + protocol + ".";
        Properties props = new Properties();
        props.put(p + "host", server.host());
        props.put(p + "port", String.valueOf(server.port()));
        props.put(p + "connectiontimeout", String.valueOf(connectTimeout.toMillis()));
        props.put(p + "timeout", String.valueOf(readTimeout.toMillis()));
        props.put(p + "socketFactory", new PinnedSocketFactory(target.host(), target.address()));
        props.put(p + "socketFactory.fallback", "false");
        props.put(p + "ssl.enable", String.valueOf(server.security() == MailAccount.Security.SSL));
        boolean starttls = server.security() == MailAccount.Security.STARTTLS;
        props.put(p + "starttls.enable", String.valueOf(starttls));
        props.put(p + "starttls.required", String.valueOf(starttls));
        if (trustHosts.contains(server.host().toLowerCase(Locale.ROOT))) {
            props.put(p + "ssl.trust", server.host());
            props.put(p + "ssl.checkserveridentity", "false");
        } else {
            props.put(p + "ssl.checkserveridentity", "true");
        }
        if (protocol.equals("smtp")) {
            props.put(p + "auth", "true");
            props.put(p + "localhost", "atom.localdomain");
        }
        return props;
    }

    /** The guard's verdict on host and port, as an https URL is checked (only the address matters). */
    private SsrfGuard.Target check(String protocol, MailAccount.Server server) {
        String field = protocol.equals("imap") ? EmailConnector.IMAP_HOST : EmailConnector.SMTP_HOST;
        try {
            return guard.check(new URI("https", null, server.host(), server.port(), "/", null, null));
        } catch (URISyntaxException e) {
            throw new ConnectorException.NeedsReconnect("the credential '" + field + "' is not a host name");
        } catch (BlockedUrlException e) {
            throw new ConnectorException.NeedsReconnect("the " + protocol.toUpperCase(Locale.ROOT) + " host "
                    + server.host() + " is refused: " + e.getMessage());
        }
    }
}
