package dev.atom.connectors.email;

import dev.atom.connectors.ConnectorException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.MessagingException;
import jakarta.mail.ReadOnlyFolderException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.iap.BadCommandException;
import org.eclipse.angus.mail.iap.CommandFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * Jakarta Mail's exceptions as connector exceptions: a refused login needs reconnecting; no answer, a refused
 * or dropped connection is retriable; a missing folder, a refused command or address is permanent. Messages
 * never carry the password (Jakarta Mail's own messages do not either, but only the server's short text and
 * ours are passed on).
 */
final class MailErrors {
    private MailErrors() {}

    /** {@code server} is IMAP or SMTP; {@code field} names the input a refusal is about (may be null). */
    static ConnectorException of(MessagingException e, String server, String field) {
        String prefix = field == null ? "" : field + ": ";
        if (e instanceof AuthenticationFailedException) {
            return new ConnectorException.NeedsReconnect("the " + server + " server refused the user name or password");
        }
        if (e instanceof FolderNotFoundException) {
            return new ConnectorException.Permanent(0, prefix + "no such folder");
        }
        if (e instanceof ReadOnlyFolderException) {
            return new ConnectorException.Permanent(0, prefix + "the folder is read-only");
        }
        if (e instanceof SendFailedException send
                && send.getInvalidAddresses() != null
                && send.getInvalidAddresses().length > 0) {
            return new ConnectorException.Permanent(
                    0, prefix + "the SMTP server refused the address " + send.getInvalidAddresses()[0]);
        }
        if (e instanceof SMTPSendFailedException refused && refused.getReturnCode() >= 500) {
            // a 5xx answer to MAIL FROM, RCPT TO or DATA: sending it again will not help
            return new ConnectorException.Permanent(
                    0, prefix + "the SMTP server refused the message: " + brief(refused.getMessage()));
        }
        if (e instanceof AddressException) {
            return new ConnectorException.Permanent(0, prefix + "not a valid e-mail address");
        }
        if (e.getMessage() != null && e.getMessage().contains("STARTTLS required")) {
            return new ConnectorException.Permanent(
                    0, "the " + server + " server does not offer STARTTLS: choose ssl (and its port) or none");
        }
        Throwable cause = rootCause(e);
        SSLException tls = tlsFailure(e);
        if (tls != null) {
            return new ConnectorException.Permanent(
                    0, "the " + server + " server's TLS could not be verified (" + brief(tls.getMessage()) + ")");
        }
        if (e instanceof MailConnectException
                || cause instanceof ConnectException
                || cause instanceof UnknownHostException) {
            return new ConnectorException.Retriable(0, "could not reach the " + server + " server", null);
        }
        if (cause instanceof SocketTimeoutException) {
            return new ConnectorException.Retriable(0, "the " + server + " server did not answer in time", null);
        }
        if (cause instanceof CommandFailedException || cause instanceof BadCommandException) {
            return new ConnectorException.Permanent(
                    0, prefix + "the " + server + " server refused: " + brief(cause.getMessage()));
        }
        if (cause instanceof IOException) {
            return new ConnectorException.Retriable(0, "the connection to the " + server + " server failed", null);
        }
        return new ConnectorException.Retriable(0, "the " + server + " server failed: " + brief(e.getMessage()), null);
    }

    private static SSLException tlsFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SSLException ssl) {
                return ssl;
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String brief(String message) {
        if (message == null) {
            return "no reason given";
        }
        String m = message.strip();
        return m.length() > 200 ? m.substring(0, 200) : m;
    }
}
