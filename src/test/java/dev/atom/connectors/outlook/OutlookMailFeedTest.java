package dev.atom.connectors.outlook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atom.connectors.ConnectorException;
import dev.atom.testing.FeedRunner;
import dev.atom.testing.StubResponseContract;
import dev.atom.workspace.sync.SyncStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * outlook.messages against the stub into the inbox, read back through GET /api/v1/inbox: the inbox's messages
 * delta (first round filtered to the window) in pages, each body read apart (and checked against Graph's
 * description); later rounds by deltaLink bring read-state changes and {@code @removed}; syncStateNotFound is a
 * full resync that sweeps what is gone; a revoked token needs reconnecting.
 */
class OutlookMailFeedTest extends OutlookTestBase {
    private static final String DELTA = V1 + "/me/mailFolders/inbox/messages/delta";
    private static final Instant FROM = Instant.parse("2026-09-06T00:00:00Z");

    @Autowired
    List<SyncStore> stores;

    /** What the stub answered must be what Graph answers: each delta item as GET of one item returns it. */
    @AfterEach
    void theStubAnsweredAsGraphDoes() {
        StubResponseContract.of("msgraph-mail-calendar.json", "nullable-refs", StubResponseContract::graphNullableRefs)
                .assertResponsesValid(
                        WM,
                        V1,
                        Map.of("/me/mailFolders/[^/]+/messages/delta", "/me/messages/{message-id}"),
                        UNDESCRIBED);
    }

    private FeedRunner.Run sync(String cursor) {
        return sync(OutlookMailFeed.ID, cursor);
    }

    private FeedRunner.Run sync(String feed, String cursor) {
        return new FeedRunner(connectors, stores)
                .sync(user.workspaceId(), connectionId, "outlook", feed, cursor, FROM, null, 2);
    }

    private static String mail(String id, String subject, boolean read, String from, String to) {
        return "{\"@odata.etag\":\"W/\\\"CQAAABYAAAA\\\"\",\"id\":\"" + id + "\",\"subject\":\"" + subject + "\","
                + "\"receivedDateTime\":\"2026-11-24T09:00:00Z\",\"isRead\":" + read + ",\"isDraft\":false,"
                + "\"bodyPreview\":\"" + subject + " preview\",\"conversationId\":\"conv-" + id + "\","
                + "\"internetMessageId\":\"<" + id
                + "@example.com>\",\"webLink\":\"https://outlook.office365.com/owa/?ItemID="
                + id + "\",\"categories\":[],\"flag\":{\"flagStatus\":\"notFlagged\"},"
                + "\"from\":{\"emailAddress\":{\"name\":\"" + from + "\",\"address\":\"" + from.toLowerCase()
                + "@example.com\"}},\"toRecipients\":[{\"emailAddress\":{\"name\":\"Olga\",\"address\":\"" + to
                + "\"}}],\"ccRecipients\":[],\"replyTo\":[]}";
    }

    private static void body(String id, String type, String content) {
        WM.stubFor(get(urlPathEqualTo(V1 + "/me/messages/" + id))
                .withQueryParam("$select", equalTo("body"))
                .willReturn(json("{\"id\":\"" + id + "\",\"body\":{\"contentType\":\"" + type + "\",\"content\":\""
                        + content + "\"}}")));
    }

    private void stubMe() {
        WM.stubFor(get(urlPathEqualTo(V1 + "/me"))
                .willReturn(json(
                        "{\"id\":\"u1\",\"mail\":\"olga@example.com\",\"userPrincipalName\":\"olga@example.com\"}")));
    }

    private void firstRound() {
        stubMe();
        WM.stubFor(get(urlPathEqualTo(DELTA))
                .withQueryParam("$skiptoken", absent())
                .withQueryParam("$filter", equalTo("receivedDateTime ge " + FROM))
                .withQueryParam("$select", containing("isRead"))
                .withHeader("Prefer", containing("odata.maxpagesize=2"))
                .willReturn(json("{\"value\":[" + mail("a1", "Budget", false, "Bob", "olga@example.com") + ","
                        + mail("a2", "Digest", true, "News", "list@example.com") + "],\"@odata.nextLink\":\""
                        + link("/me/mailFolders/inbox/messages/delta?$skiptoken=s2") + "\"}")));
        WM.stubFor(get(urlPathEqualTo(DELTA))
                .withQueryParam("$skiptoken", equalTo("s2"))
                .willReturn(json("{\"value\":[" + mail("a3", "Hello", false, "Carol", "olga@example.com")
                        + "],\"@odata.deltaLink\":\"" + link("/me/mailFolders/inbox/messages/delta?$deltatoken=d1")
                        + "\"}")));
        body("a1", "text", "Can we talk about the budget?");
        body("a2", "html", "<p>Top <b>story</b></p><img src='https://t.example.com/x.gif'><script>x()</script>");
        body("a3", "text", "Hi Olga");
    }

    private JsonNode inbox() {
        var r = users.as(user).get("/api/v1/inbox?source=outlook");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("items");
    }

    private List<String> subjects() {
        return inbox().valueStream().map(i -> i.get("subject").asString()).toList();
    }

    private JsonNode item(String subject) {
        return inbox().valueStream()
                .filter(i -> i.get("subject").asString().equals(subject))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void firstSyncInPagesThenDeltaChangesAndRemovals() {
        firstRound();
        var first = sync(null);
        assertThat(first.pages()).isEqualTo(2);
        assertThat(first.cursor()).contains("$deltatoken=d1");
        assertThat(subjects()).containsExactlyInAnyOrder("Budget", "Digest", "Hello");
        JsonNode budget = item("Budget");
        assertThat(budget.get("source").get("connector").asString()).isEqualTo("outlook");
        assertThat(budget.get("from").asString()).isEqualTo("bob@example.com");
        assertThat(budget.get("unread").asBoolean()).isTrue();
        assertThat(budget.get("important").asBoolean()).as("addressed to Olga").isTrue();
        assertThat(budget.get("threadId").asString()).isEqualTo("conv-a1");
        assertThat(budget.get("link").asString()).startsWith("https://outlook.office365.com/owa/");
        assertThat(item("Digest").get("unread").asBoolean()).isFalse();
        String digest = users.as(user)
                .get("/api/v1/inbox/" + item("Digest").get("id").asString())
                .json()
                .get("text")
                .asString();
        assertThat(digest).contains("Top story").doesNotContain("t.example.com", "x()");

        // read elsewhere, one deleted, one moved out of the inbox, one new
        WM.stubFor(get(urlPathEqualTo(DELTA))
                .withQueryParam("$deltatoken", equalTo("d1"))
                .willReturn(json("{\"value\":[" + mail("a1", "Budget", true, "Bob", "olga@example.com") + ","
                        + "{\"id\":\"a2\",\"@removed\":{\"reason\":\"deleted\"}},"
                        + "{\"id\":\"a3\",\"@removed\":{\"reason\":\"changed\"}},"
                        + mail("a4", "Invoice", false, "Dan", "olga@example.com") + "],\"@odata.deltaLink\":\""
                        + link("/me/mailFolders/inbox/messages/delta?$deltatoken=d2") + "\"}")));
        body("a4", "text", "Invoice attached");
        var next = sync(first.cursor());
        assertThat(next.cursor()).contains("$deltatoken=d2");
        assertThat(subjects()).containsExactlyInAnyOrder("Budget", "Invoice");
        assertThat(item("Budget").get("unread").asBoolean()).isFalse();
        WM.verify(1, getRequestedFor(urlPathEqualTo(V1 + "/me/messages/a2"))); // a removal is not read
    }

    @Test
    void sentItemsAreKeptForTriageButNotListed() {
        stubMe();
        WM.stubFor(get(urlPathEqualTo(DELTA))
                .willReturn(json("{\"value\":[" + mail("n1", "Roadmap", false, "Dan", "team@example.com")
                        + "],\"@odata.deltaLink\":\"" + link("/me/mailFolders/inbox/messages/delta?$deltatoken=i1")
                        + "\"}")));
        WM.stubFor(get(urlPathEqualTo(V1 + "/me/mailFolders/sentitems/messages/delta"))
                .withQueryParam("$filter", equalTo("receivedDateTime ge " + FROM))
                .willReturn(json("{\"value\":[" + mail("s1", "Hi Dan", true, "Olga", "dan@example.com")
                        + "],\"@odata.deltaLink\":\""
                        + link("/me/mailFolders/sentitems/messages/delta?$deltatoken=s1") + "\"}")));
        body("n1", "text", "The roadmap");
        body("s1", "text", "Hi Dan, see you");
        sync(null);
        assertThat(item("Roadmap").get("important").asBoolean())
                .as("to a list, from a stranger")
                .isFalse();
        var sent = sync(OutlookMailFeed.SENT_ID, null);
        assertThat(sent.cursor()).contains("sentitems/messages/delta?$deltatoken=s1");
        assertThat(subjects()).as("sent mail is not listed").containsExactly("Roadmap");
        assertThat(item("Roadmap").get("important").asBoolean())
                .as("Olga wrote to Dan")
                .isTrue();
    }

    @Test
    void aForgottenSyncStateIsAFullResyncThatSweepsWhatIsGone() {
        firstRound();
        var first = sync(null);
        WM.stubFor(get(urlPathEqualTo(DELTA))
                .withQueryParam("$deltatoken", equalTo("d1"))
                .willReturn(error(400, "SyncStateNotFound", "The sync state generation is not found.")));
        // the fresh round no longer lists a2 and a3
        WM.stubFor(get(urlPathEqualTo(DELTA))
                .withQueryParam("$skiptoken", absent())
                .withQueryParam("$deltatoken", absent())
                .willReturn(json("{\"value\":[" + mail("a1", "Budget", false, "Bob", "olga@example.com")
                        + "],\"@odata.deltaLink\":\"" + link("/me/mailFolders/inbox/messages/delta?$deltatoken=d9")
                        + "\"}")));
        var again = sync(first.cursor());
        assertThat(again.restarted()).isTrue();
        assertThat(again.cursor()).contains("$deltatoken=d9");
        assertThat(subjects()).containsExactly("Budget");

        // 410 Gone says the same
        WM.stubFor(get(urlPathEqualTo(DELTA))
                .withQueryParam("$deltatoken", equalTo("d9"))
                .willReturn(aResponse().withStatus(410)));
        assertThat(sync(again.cursor()).restarted()).isTrue();
    }

    @Test
    void aHugeBodyIsLeftOutWithTheReasonAndARevokedTokenNeedsReconnecting() {
        stubMe();
        WM.stubFor(get(urlPathEqualTo(DELTA))
                .willReturn(json("{\"value\":[" + mail("h1", "Huge", false, "Bob", "olga@example.com")
                        + "],\"@odata.deltaLink\":\"" + link("/me/mailFolders/inbox/messages/delta?$deltatoken=d1")
                        + "\"}")));
        body("h1", "html", "<p>" + "x".repeat(OutlookMailFeed.MAX_BODY_BYTES) + "</p>");
        var first = sync(null);
        String detail = users.as(user)
                .get("/api/v1/inbox/" + item("Huge").get("id").asString())
                .json()
                .toString();
        assertThat(detail).contains("larger than 4 MB");

        WM.stubFor(get(urlPathEqualTo(DELTA))
                .withQueryParam("$deltatoken", equalTo("d1"))
                .willReturn(error(401, "InvalidAuthenticationToken", "Access token has expired or is not yet valid.")));
        assertThatThrownBy(() -> sync(first.cursor())).isInstanceOf(ConnectorException.NeedsReconnect.class);
        assertThat(subjects()).containsExactly("Huge");
    }
}
