package dev.atom.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.base.GreenMailOperations;
import dev.atom.connectors.PollingTrigger;
import dev.atom.testing.ApiDescription;
import dev.atom.testing.ConnectorContractTestBase;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * E-mail connector tests against a real GreenMail (IMAP and SMTP on free ports): a user of Atom, a connection
 * made through the API with the mailbox's settings, and helpers to run actions and poll the trigger.
 */
abstract class EmailTestBase extends ConnectorContractTestBase {
    static final String ADDRESS = "ann@example.com";
    static final String LOGIN = "ann";
    static final String PASSWORD = "imap-" + "pass-4711";

    TestUsers users;
    TestUsers.User user;
    String connectionId;

    @Override
    protected String connectorId() {
        return "email";
    }

    @Override
    protected Set<String> expectedActions() {
        return actions("email.search", "email.read", "email.send", "email.mark", "email.archive");
    }

    @Override
    protected ApiDescription apiDescription() {
        return ApiDescription.none(
                "IMAP and SMTP are standards, not one service's API: tested against a real GreenMail");
    }

    /** The credentials for {@code mail}'s IMAP and SMTP servers with {@code security}. */
    static Map<String, Object> credentials(GreenMailOperations mail, String host, String security, String password) {
        Map<String, Object> c = new HashMap<>();
        c.put("imap_host", host);
        c.put("imap_port", String.valueOf(port(mail, true)));
        c.put("imap_security", security);
        c.put("smtp_host", host);
        c.put("smtp_port", String.valueOf(port(mail, false)));
        c.put("smtp_security", security);
        c.put("username", LOGIN);
        c.put("password", password);
        c.put("from_address", "Ann Example <" + ADDRESS + ">");
        return c;
    }

    private static int port(GreenMailOperations mail, boolean imap) {
        if (imap) {
            return mail.getImap() != null
                    ? mail.getImap().getPort()
                    : mail.getImaps().getPort();
        }
        return mail.getSmtp() != null
                ? mail.getSmtp().getPort()
                : mail.getSmtps().getPort();
    }

    TestHttp.Response connect(Map<String, Object> credentials) {
        if (users == null) {
            users = new TestUsers(this::http);
            user = users.signUp("ann");
        }
        var c = users.as(user)
                .post(
                        "/api/v1/connections",
                        Map.of("connector", "email", "name", "Mailbox", "credentials", credentials));
        assertThat(c.status()).as(c.toString()).isEqualTo(201);
        connectionId = c.json().get("id").asString();
        return c;
    }

    TestHttp.Response run(String action, Map<String, ?> input) {
        return users.as(user).post("/api/v1/connections/" + connectionId + "/actions/" + action, input);
    }

    JsonNode output(String action, Map<String, ?> input) {
        var r = run(action, input);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("output");
    }

    PollingTrigger.Poll poll(String cursor) {
        var trigger = (PollingTrigger)
                connectors.connector("email").orElseThrow().triggers().getFirst();
        return trigger.poll(connectors.context(user.workspaceId(), connectionId), cursor);
    }
}
