package dev.atom.connectors.outlook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.atom.connectors.AuthSpec;
import dev.atom.connectors.ConnectorException;
import org.junit.jupiter.api.Test;

/**
 * What the OAuth machinery reads from the connector: the Microsoft identity platform's common endpoints, PKCE,
 * the client secret in the form body (Entra's web apps), no revocation endpoint (Microsoft has none), Graph
 * v1.0 as the base URL. Plus the input checks that need no service.
 */
class OutlookConnectorAuthTest {
    private final OutlookConnector connector = new OutlookConnector();

    @Test
    void signsInAtTheMicrosoftIdentityPlatformWithPkceAndClientSecretPost() {
        AuthSpec.OAuth2 auth = (AuthSpec.OAuth2) connector.auth();
        assertThat(auth.authorizeUrl()).isEqualTo("https://login.microsoftonline.com/common/oauth2/v2.0/authorize");
        assertThat(auth.tokenUrl()).isEqualTo("https://login.microsoftonline.com/common/oauth2/v2.0/token");
        assertThat(auth.pkce()).isTrue();
        assertThat(auth.clientAuth()).isEqualTo(AuthSpec.ClientAuth.CLIENT_SECRET_POST);
        assertThat(auth.revokeUrl()).isNull();
        assertThat(auth.scopes())
                .containsExactly("offline_access", "User.Read", "Mail.ReadWrite", "Mail.Send", "Calendars.ReadWrite");
        assertThat(connector.defaultBaseUrl()).isEqualTo("https://graph.microsoft.com/v1.0");
    }

    @Test
    void searchPhrasesAreQuotedOnceAndTheirQuotesEscaped() {
        assertThat(OutlookMessages.quoted("from:ann")).isEqualTo("\"from:ann\"");
        assertThat(OutlookMessages.quoted("\"already quoted\"")).isEqualTo("\"already quoted\"");
        assertThat(OutlookMessages.quoted("say \"hi\"")).isEqualTo("\"say \\\"hi\\\"\"");
    }

    @Test
    void addressesWithNamesAreSplitAndBadOnesNamed() {
        assertThat(OutlookSend.emailAddress("Ann Lee <ann@example.com>", "to[0]"))
                .containsEntry("address", "ann@example.com")
                .containsEntry("name", "Ann Lee");
        assertThat(OutlookSend.emailAddress("\"Lee, Ann\" <ann@example.com>", "to[0]"))
                .containsEntry("name", "Lee, Ann");
        assertThat(OutlookSend.emailAddress("bob@example.com", "to[0]")).containsOnlyKeys("address");
        for (String bad : new String[] {"bob", "a@b@c", "Ann <ann@example.com", "x\r\n@evil <a@b.c>"}) {
            var e = catchThrowableOfType(
                    ConnectorException.InvalidInput.class, () -> OutlookSend.emailAddress(bad, "cc[2]"));
            assertThat(e).as(bad).isNotNull();
            assertThat(e.problems().getFirst().field()).isEqualTo("cc[2]");
        }
    }

    @Test
    void aTimeZoneCannotBreakThePreferHeader() {
        assertThat(OutlookEvents.timeZone("Europe/Berlin", "timeZone")).isEqualTo("outlook.timezone=\"Europe/Berlin\"");
        var e = catchThrowableOfType(
                ConnectorException.InvalidInput.class, () -> OutlookEvents.timeZone("UTC\"\r\nX-Evil: 1", "timeZone"));
        assertThat(e.problems().getFirst().field()).isEqualTo("timeZone");
    }
}
