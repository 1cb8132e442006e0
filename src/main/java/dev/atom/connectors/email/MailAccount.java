package dev.atom.connectors.email;

import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.Credentials;
import java.util.Locale;

/**
 * One mailbox's settings, read from a connection's credentials. The password is held only for the call that
 * reads it; {@link #toString()} never shows it.
 */
record MailAccount(Server imap, Server smtp, String username, String password, String from) {

    /** How a connection to a server is secured. */
    enum Security {
        /** TLS from the first byte (IMAPS 993, SMTPS 465). */
        SSL,
        /** Plain first, then STARTTLS, which is required: no fallback to plain text. */
        STARTTLS,
        /** No TLS at all (a local test server); the password crosses the network in clear. */
        NONE
    }

    record Server(String host, int port, Security security) {}

    static MailAccount of(Credentials c) {
        return new MailAccount(
                new Server(
                        c.require(EmailConnector.IMAP_HOST),
                        port(c, EmailConnector.IMAP_PORT, 993),
                        security(c, EmailConnector.IMAP_SECURITY, Security.SSL)),
                new Server(
                        c.require(EmailConnector.SMTP_HOST),
                        port(c, EmailConnector.SMTP_PORT, 587),
                        security(c, EmailConnector.SMTP_SECURITY, Security.STARTTLS)),
                c.require(EmailConnector.USERNAME),
                c.require(EmailConnector.PASSWORD),
                c.get(EmailConnector.FROM).orElse(null));
    }

    /** The From address: the configured one, else the user name when it is an address. */
    String fromAddress() {
        return from != null && !from.isBlank() ? from : username;
    }

    private static int port(Credentials c, String field, int fallback) {
        String v = c.get(field).orElse("");
        if (v.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(v.strip());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConnectorException.NeedsReconnect("the credential '" + field + "' is not a port number");
    }

    private static Security security(Credentials c, String field, Security fallback) {
        String v = c.get(field).orElse("");
        if (v.isBlank()) {
            return fallback;
        }
        try {
            return Security.valueOf(v.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConnectorException.NeedsReconnect("the credential '" + field + "' must be ssl, starttls or none");
        }
    }

    @Override
    public String toString() {
        return "MailAccount[imap=" + imap + ", smtp=" + smtp + ", username=" + username + ", password=***]";
    }
}
