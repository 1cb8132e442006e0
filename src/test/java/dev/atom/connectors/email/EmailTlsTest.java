package dev.atom.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The e-mail connector over IMAPS and SMTPS (TLS from the first byte) against GreenMail, whose certificate is
 * self-signed: accepted only for the host the operator listed in ATOM_EMAIL_TRUST_HOSTS (localhost in tests),
 * refused for any other name, which shows certificates are checked by default.
 */
class EmailTlsTest extends EmailTestBase {
    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTPS_IMAPS))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(ADDRESS, LOGIN, PASSWORD));

    @Test
    void sendsAndReadsOverTls() {
        var c = connect(credentials(MAIL, "localhost", "ssl", PASSWORD));
        assertThat(c.json().get("status").asString()).as(c.toString()).isEqualTo("connected");

        output("email.send", Map.of("to", List.of(ADDRESS), "subject", "Über TLS", "text", "geheim"));
        assertThat(MAIL.waitForIncomingEmail(5000, 1)).isTrue();
        var found = output("email.search", Map.of("subject", "TLS"));
        assertThat(found.at("/messages/0/subject").asString()).isEqualTo("Über TLS");
        var read =
                output("email.read", Map.of("uid", found.at("/messages/0/uid").asLong()));
        assertThat(read.get("text").asString()).isEqualTo("geheim");
    }

    @Test
    void anUntrustedCertificateIsRefused() {
        var c = connect(credentials(MAIL, "127.0.0.1", "ssl", PASSWORD));
        assertThat(c.json().get("status").asString()).isEqualTo("error");
        assertThat(c.json().get("statusReason").asString()).contains("IMAP server's TLS could not be verified");
    }
}
