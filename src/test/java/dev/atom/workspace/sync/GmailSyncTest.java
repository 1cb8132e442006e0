package dev.atom.workspace.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.atom.connectors.google.GoogleTestBase;
import dev.atom.testing.OpenApiContract;
import dev.atom.testing.StubMount;
import dev.atom.testing.StubResponseContract;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The gmail.messages feed through the real sync engine into the inbox, read back through GET /api/v1/inbox,
 * against the stub checked with Gmail's API description: the first sync lists the window's inbox and sent mail
 * in pages, then users.history.list follows the historyId (new mail, read elsewhere, archived, deleted); a 404
 * for a too-old historyId is a full resync that sweeps what is gone; a revoked token needs reconnecting.
 */
@StubMount(property = "ATOM_GMAIL_BASE_URL", path = "")
class GmailSyncTest extends GoogleTestBase {
    private static final String USERS = "/gmail/v1/users/me";
    private static final String FEED = "gmail.messages";

    @Autowired
    SyncEngine engine;

    @Autowired
    SyncFeedRepository feeds;

    @Override
    protected String connectorId() {
        return "gmail";
    }

    @Override
    protected OpenApiContract contract() {
        return OpenApiContract.strict("google-gmail.json", "", spec -> {});
    }

    /** The stub's answers must be ones Gmail gives, too (messages, history records, the profile). */
    @AfterEach
    void theStubsAnswersAreOnesGmailGives() {
        if (WM.getAllServeEvents().isEmpty()) {
            return;
        }
        // MessagePartBody.data is base64url (Gmail's reference); the description's format "byte" means base64
        StubResponseContract.of("google-gmail.json", "base64url", spec -> {
                    ObjectNode data = (ObjectNode) spec.path("components")
                            .path("schemas")
                            .path("MessagePartBody")
                            .path("properties")
                            .path("data");
                    data.remove("format");
                    data.put("pattern", "^[A-Za-z0-9_-]*={0,2}$");
                })
                .assertResponsesValid(WM, "");
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** users.messages.get format=full of a one-part message. */
    static String message(
            String id,
            String thread,
            String labels,
            String from,
            String to,
            String subject,
            String extra,
            String mime,
            String body) {
        return "{\"id\":\"" + id + "\",\"threadId\":\"" + thread + "\",\"labelIds\":[" + labels + "],"
                + "\"snippet\":\"" + subject + " &amp; more\",\"historyId\":\"900\",\"internalDate\":\"1796000000000\","
                + "\"sizeEstimate\":1200,\"payload\":{\"partId\":\"\",\"mimeType\":\"" + mime + "\",\"filename\":\"\","
                + "\"headers\":[{\"name\":\"From\",\"value\":\"" + from + "\"},{\"name\":\"To\",\"value\":\"" + to
                + "\"},{\"name\":\"Subject\",\"value\":\"" + subject + "\"},{\"name\":\"Message-ID\",\"value\":\"<"
                + id + "@mail.example.com>\"}" + extra + "],"
                + "\"body\":{\"size\":" + body.length() + ",\"data\":\"" + b64(body) + "\"}}}";
    }

    private static void stubMessage(String id, String json) {
        WM.stubFor(get(urlPathEqualTo(USERS + "/messages/" + id))
                .withQueryParam("format", equalTo("full"))
                .willReturn(json(json)));
    }

    private static final String BOB = "Bob <bob@example.com>";
    private static final String GINA = "Gina <gina@example.com>";
    private static final String LUNCH = message(
            "m1", "t1", "\"INBOX\",\"UNREAD\"", BOB, GINA, "Lunch?", "", "text/plain", "Hi Gina, lunch on Friday?");
    private static final String NEWS = message(
            "m2",
            "t2",
            "\"INBOX\"",
            "News <news@example.com>",
            "gina@example.com",
            "Weekly news",
            ",{\"name\":\"List-Id\",\"value\":\"<news.example.com>\"}",
            "text/html",
            "<html><body><p>Big <b>news</b></p><img src='https://tracker.example.com/p.gif'>"
                    + "<script>track()</script></body></html>");
    private static final String REPLY =
            message("m3", "t1", "\"SENT\"", GINA, BOB, "Re: Lunch?", "", "text/plain", "Friday works.");

    private void stubProfile(String historyId) {
        WM.stubFor(get(urlPathEqualTo(USERS + "/profile"))
                .willReturn(json("{\"emailAddress\":\"gina@example.com\",\"messagesTotal\":3,\"threadsTotal\":2,"
                        + "\"historyId\":\"" + historyId + "\"}")));
    }

    private boolean sync() {
        feeds.runSoon(user.workspaceId(), connectionId, Instant.now());
        return engine.syncConnection(user.workspaceId(), connectionId);
    }

    private FeedState state() {
        return feeds.find(user.workspaceId(), connectionId, FEED).orElseThrow();
    }

    private JsonNode inbox() {
        var r = users.as(user).get("/api/v1/inbox");
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

    private void firstSync() {
        stubProfile("1000");
        WM.stubFor(get(urlPathEqualTo(USERS + "/messages"))
                .withQueryParam("q", matching("\\{in:inbox in:sent\\} after:[0-9]+"))
                .withQueryParam("pageToken", absent())
                .willReturn(json("{\"messages\":[{\"id\":\"m1\",\"threadId\":\"t1\"},{\"id\":\"m2\",\"threadId\":"
                        + "\"t2\"}],\"nextPageToken\":\"p2\",\"resultSizeEstimate\":3}")));
        WM.stubFor(get(urlPathEqualTo(USERS + "/messages"))
                .withQueryParam("pageToken", equalTo("p2"))
                .willReturn(json("{\"messages\":[{\"id\":\"m3\",\"threadId\":\"t1\"}],\"resultSizeEstimate\":3}")));
        stubMessage("m1", LUNCH);
        stubMessage("m2", NEWS);
        stubMessage("m3", REPLY);
        assertThat(sync()).isTrue();
    }

    @Test
    void firstSyncInPagesThenHistoryBringsNewReadArchivedAndDeletedMail() {
        firstSync();
        FeedState first = state();
        assertThat(first.progressPages()).isEqualTo(2);
        assertThat(first.items())
                .as("the sent reply is kept for triage, not listed")
                .isEqualTo(3);
        assertThat(first.status()).isEqualTo(FeedState.IDLE);
        // the window is the last 90 days
        String q = WM.findAll(getRequestedFor(urlPathEqualTo(USERS + "/messages")))
                .getFirst()
                .queryParameter("q")
                .firstValue();
        Instant after = Instant.ofEpochSecond(Long.parseLong(q.substring(q.indexOf("after:") + 6)));
        assertThat(Duration.between(after, Instant.now()).toDays()).isBetween(90L, 91L);

        assertThat(subjects()).containsExactlyInAnyOrder("Lunch?", "Weekly news");
        JsonNode lunch = item("Lunch?");
        assertThat(lunch.get("source").get("connector").asString()).isEqualTo("gmail");
        assertThat(lunch.get("from").asString()).isEqualTo("bob@example.com");
        assertThat(lunch.get("unread").asBoolean()).isTrue();
        assertThat(lunch.get("important").asBoolean())
                .as("direct, and Gina wrote to Bob")
                .isTrue();
        assertThat(lunch.get("threadId").asString()).isEqualTo("t1");
        assertThat(lunch.get("snippet").asString())
                .as("Gmail's snippet is HTML-escaped")
                .isEqualTo("Lunch? & more");
        assertThat(lunch.get("link").asString()).isEqualTo("https://mail.google.com/mail/#all/m1");
        String newsId = item("Weekly news").get("id").asString();
        String text =
                users.as(user).get("/api/v1/inbox/" + newsId).json().get("text").asString();
        assertThat(text).contains("Big news").doesNotContain("tracker", "track()");
        JsonNode thread = users.as(user)
                .get("/api/v1/inbox/" + lunch.get("id").asString())
                .json()
                .get("thread");
        assertThat(thread).hasSize(2);

        // later: m4 arrives, m1 is read elsewhere, m2 archived; next page: m5 arrives, the sent m3 is deleted
        WM.stubFor(get(urlPathEqualTo(USERS + "/history"))
                .withQueryParam("startHistoryId", equalTo("1000"))
                .withQueryParam("pageToken", absent())
                .willReturn(json("{\"history\":["
                        + "{\"id\":\"1001\",\"messages\":[{\"id\":\"m4\"}],\"messagesAdded\":[{\"message\":{\"id\":\"m4\","
                        + "\"threadId\":\"t4\",\"labelIds\":[\"INBOX\",\"UNREAD\"]}}]},"
                        + "{\"id\":\"1002\",\"labelsRemoved\":[{\"message\":{\"id\":\"m1\",\"threadId\":\"t1\","
                        + "\"labelIds\":[\"INBOX\"]},\"labelIds\":[\"UNREAD\"]}]},"
                        + "{\"id\":\"1003\",\"labelsRemoved\":[{\"message\":{\"id\":\"m2\",\"threadId\":\"t2\","
                        + "\"labelIds\":[]},\"labelIds\":[\"INBOX\"]}]}],"
                        + "\"nextPageToken\":\"h2\",\"historyId\":\"1005\"}")));
        WM.stubFor(get(urlPathEqualTo(USERS + "/history"))
                .withQueryParam("startHistoryId", equalTo("1000"))
                .withQueryParam("pageToken", equalTo("h2"))
                .willReturn(json("{\"history\":["
                        + "{\"id\":\"1004\",\"messagesAdded\":[{\"message\":{\"id\":\"m5\",\"threadId\":\"t5\"}}]},"
                        + "{\"id\":\"1005\",\"messagesDeleted\":[{\"message\":{\"id\":\"m3\",\"threadId\":\"t1\"}}]}],"
                        + "\"historyId\":\"1005\"}")));
        stubMessage("m1", LUNCH.replace("\"INBOX\",\"UNREAD\"", "\"INBOX\""));
        stubMessage("m2", NEWS.replace("\"labelIds\":[\"INBOX\"]", "\"labelIds\":[\"CATEGORY_UPDATES\"]"));
        stubMessage("m4", message("m4", "t4", "\"INBOX\",\"UNREAD\"", BOB, GINA, "Agenda", "", "text/plain", "A"));
        stubMessage(
                "m5",
                message(
                        "m5",
                        "t5",
                        "\"INBOX\"",
                        "Carol <carol@example.com>",
                        "team@example.com",
                        "Notes",
                        "",
                        "text/plain",
                        "N"));
        assertThat(sync()).isTrue();
        assertThat(subjects()).containsExactlyInAnyOrder("Lunch?", "Agenda", "Notes");
        assertThat(item("Lunch?").get("unread").asBoolean()).isFalse();
        assertThat(state().cursor()).contains("\"historyId\":\"1005\"").doesNotContain("h2");
        assertThat(state().items()).isEqualTo(3);

        // nothing new: one history call, no reads
        WM.stubFor(get(urlPathEqualTo(USERS + "/history"))
                .withQueryParam("startHistoryId", equalTo("1005"))
                .willReturn(json("{\"historyId\":\"1005\"}")));
        WM.resetRequests();
        assertThat(sync()).isTrue();
        WM.verify(0, getRequestedFor(urlPathEqualTo(USERS + "/messages/m1")));
        assertThat(subjects()).hasSize(3);
    }

    @Test
    void aHistoryIdGmailNoLongerKeepsIsAFullResyncThatSweepsWhatIsGone() {
        firstSync();
        WM.stubFor(get(urlPathEqualTo(USERS + "/history"))
                .withQueryParam("startHistoryId", equalTo("1000"))
                .willReturn(error(404, "notFound", "Requested entity was not found.")));
        // meanwhile the newsletter was deleted: the fresh listing no longer has it
        stubProfile("2000");
        WM.stubFor(get(urlPathEqualTo(USERS + "/messages"))
                .withQueryParam("pageToken", absent())
                .willReturn(json("{\"messages\":[{\"id\":\"m1\",\"threadId\":\"t1\"}],\"resultSizeEstimate\":1}")));
        assertThat(sync()).isTrue();
        assertThat(subjects()).containsExactly("Lunch?");
        assertThat(state().cursor()).contains("\"historyId\":\"2000\"");
        assertThat(state().status()).isEqualTo(FeedState.IDLE);
    }

    @Test
    void aListingPageTokenGmailRefusesListsAgain() {
        stubProfile("1000");
        WM.stubFor(get(urlPathEqualTo(USERS + "/messages"))
                .withQueryParam("pageToken", absent())
                .willReturn(json("{\"messages\":[{\"id\":\"m1\",\"threadId\":\"t1\"}],\"nextPageToken\":\"p2\"}")));
        WM.stubFor(get(urlPathEqualTo(USERS + "/messages"))
                .withQueryParam("pageToken", equalTo("p2"))
                .inScenario("expired page")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(error(400, "invalidArgument", "Invalid pageToken"))
                .willSetStateTo("listed again"));
        WM.stubFor(get(urlPathEqualTo(USERS + "/messages"))
                .withQueryParam("pageToken", equalTo("p2"))
                .inScenario("expired page")
                .whenScenarioStateIs("listed again")
                .willReturn(json("{\"messages\":[{\"id\":\"m2\",\"threadId\":\"t2\"}]}")));
        stubMessage("m1", LUNCH);
        stubMessage("m2", NEWS);
        assertThat(sync()).isTrue();
        assertThat(state().status()).isEqualTo(FeedState.IDLE);
        assertThat(subjects()).containsExactlyInAnyOrder("Lunch?", "Weekly news");
        WM.verify(2, getRequestedFor(urlPathEqualTo(USERS + "/messages")).withQueryParam("pageToken", absent()));
    }

    @Test
    void aHugeMessageIsKeptWithoutItsBodyWithTheReasonAndTheSyncGoesOn() {
        stubProfile("1000");
        WM.stubFor(get(urlPathEqualTo(USERS + "/messages"))
                .willReturn(json(
                        "{\"messages\":[{\"id\":\"big\",\"threadId\":\"tb\"},{\"id\":\"m1\",\"threadId\":\"t1\"}]}")));
        String huge = "<p>" + "x".repeat(12 << 20) /* the feed reads at most 12 MB of a message */ + "</p>";
        stubMessage("big", message("big", "tb", "\"INBOX\"", BOB, GINA, "Huge", "", "text/html", huge));
        WM.stubFor(get(urlPathEqualTo(USERS + "/messages/big"))
                .withQueryParam("format", equalTo("metadata"))
                .willReturn(json(message("big", "tb", "\"INBOX\"", BOB, GINA, "Huge", "", "text/html", ""))));
        stubMessage("m1", LUNCH);
        assertThat(sync()).isTrue();
        assertThat(subjects()).containsExactlyInAnyOrder("Huge", "Lunch?");
        assertThat(state().status()).isEqualTo(FeedState.IDLE);
        String big = users.as(user)
                .get("/api/v1/inbox/" + item("Huge").get("id").asString())
                .json()
                .toString();
        assertThat(big).contains("larger than 12 MB");
    }

    @Test
    void aRevokedTokenMarksTheConnectionNeedsReconnectAndKeepsTheCopy() {
        firstSync();
        WM.stubFor(get(urlPathEqualTo(USERS + "/history")).willReturn(error(401, "authError", "Invalid Credentials")));
        sync();
        assertThat(state().status()).isEqualTo(FeedState.NEEDS_RECONNECT);
        assertThat(state().cursor()).as("kept for after the reconnect").contains("1000");
        var connection =
                users.as(user).get("/api/v1/connections/" + connectionId).json();
        assertThat(connection.get("status").asString()).isEqualTo("needs_reconnect");
        assertThat(subjects()).containsExactlyInAnyOrder("Lunch?", "Weekly news");
    }
}
