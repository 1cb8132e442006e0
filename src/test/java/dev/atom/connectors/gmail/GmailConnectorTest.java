package dev.atom.connectors.gmail;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.connectors.google.GoogleApi;
import dev.atom.connectors.google.GoogleTestBase;
import dev.atom.testing.OpenApiContract;
import dev.atom.testing.StubMount;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

@StubMount(property = "ATOM_GMAIL_BASE_URL", path = "")
class GmailConnectorTest extends GoogleTestBase {
    private static final String USERS = "/gmail/v1/users/me";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected Set<String> expectedActions() {
        return actions("gmail.search", "gmail.read", "gmail.send", "gmail.add_labels", "gmail.remove_labels");
    }

    /** What the catalog tells the engine and the assistant: which actions write, how a retry is safe, how to connect. */
    @Test
    void catalogFacts() {
        assertThat(retryFacts())
                .isEqualTo(Map.of(
                        "gmail.search", "reads natural",
                        "gmail.read", "reads natural",
                        "gmail.send", "writes none",
                        "gmail.add_labels", "writes natural",
                        "gmail.remove_labels", "writes natural"));
        assertThat(authKinds()).containsExactly("oauth2");
        assertThat(catalogEntry().at("/auth/pkce").asBoolean()).isTrue();
        assertThat(catalogEntry().at("/auth/scopes"))
                .isNotEmpty()
                .allSatisfy(s -> assertThat(s.asString()).startsWith("https://www.googleapis.com/auth/"));
        assertThat(GoogleApi.oauth().authorizeUrl())
                .startsWith("https://accounts.google.com/o/oauth2/v2/auth?")
                .contains("access_type=offline");
        assertThat(GoogleApi.oauth().tokenUrl()).isEqualTo("https://oauth2.googleapis.com/token");
        assertThat(triggerKinds()).containsExactly("gmail.new_mail polling");
    }

    @Override
    protected String connectorId() {
        return "gmail";
    }

    /**
     * Gmail's messages/send also takes JSON {raw} (see the README of api-specs: the description lists only
     * message/* media types), and raw is base64url, which the description's format "byte" does not allow.
     */
    @Override
    protected OpenApiContract contract() {
        return OpenApiContract.strict("google-gmail.json", "json-send", spec -> {
            ObjectNode content = (ObjectNode) OpenApiContract.operation(spec, USERS_TEMPLATE + "/messages/send", "post")
                    .path("requestBody")
                    .path("content");
            content.set("application/json", content.get("message/rfc822"));
            // Message.raw is documented as base64url; the description's format "byte" means standard base64.
            ObjectNode raw = (ObjectNode) spec.path("components")
                    .path("schemas")
                    .path("Message")
                    .path("properties")
                    .path("raw");
            raw.remove("format");
            raw.put("pattern", "^[A-Za-z0-9_-]*={0,2}$");
        });
    }

    private static final String USERS_TEMPLATE = "/gmail/v1/users/{userId}";

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void healthIsTheProfileAndNamesTheMailbox() {
        WM.stubFor(get(USERS + "/profile")
                .willReturn(json("{\"emailAddress\":\"gina@example.com\",\"historyId\":\"9\"}")));
        var r = test();
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("status").asString()).isEqualTo("connected");
        assertThat(r.json().get("account").asString()).isEqualTo("gina@example.com");
    }

    @Test
    void searchReturnsIdsWithSubjectsAndSnippets() {
        WM.stubFor(get(urlPathEqualTo(USERS + "/messages"))
                .withQueryParam("q", equalTo("from:ann is:unread"))
                .withQueryParam("maxResults", equalTo("2"))
                .willReturn(
                        json("{\"messages\":[{\"id\":\"m1\",\"threadId\":\"t1\"},{\"id\":\"m2\",\"threadId\":\"t2\"}],"
                                + "\"nextPageToken\":\"p2\",\"resultSizeEstimate\":7}")));
        for (String id : List.of("m1", "m2")) {
            WM.stubFor(get(urlPathEqualTo(USERS + "/messages/" + id))
                    .withQueryParam("format", equalTo("metadata"))
                    .willReturn(
                            json("{\"id\":\"" + id + "\",\"snippet\":\"hello " + id + "\",\"payload\":{\"headers\":["
                                    + "{\"name\":\"Subject\",\"value\":\"About " + id + "\"},"
                                    + "{\"name\":\"From\",\"value\":\"Ann <ann@example.com>\"}]}}")));
        }
        JsonNode out = output("gmail.search", Map.of("q", "from:ann is:unread", "maxResults", 2));
        assertThat(out.get("messages")).hasSize(2);
        assertThat(out.get("messages").get(1).get("subject").asString()).isEqualTo("About m2");
        assertThat(out.get("messages").get(0).get("snippet").asString()).isEqualTo("hello m1");
        assertThat(out.get("messages").get(0).get("from").asString()).isEqualTo("Ann <ann@example.com>");
        assertThat(out.get("nextPageToken").asString()).isEqualTo("p2");
        assertThat(out.get("resultSizeEstimate").asLong()).isEqualTo(7);
        WM.verify(getRequestedFor(urlPathEqualTo(USERS + "/messages/m1"))
                .withQueryParam("metadataHeaders", equalTo("Subject")));
    }

    @Test
    void readDecodesBodiesAndListsAttachments() {
        String message = "{\"id\":\"m1\",\"threadId\":\"t1\",\"labelIds\":[\"INBOX\",\"UNREAD\"],\"snippet\":\"Grüße\","
                + "\"payload\":{\"mimeType\":\"multipart/mixed\",\"headers\":[{\"name\":\"Subject\",\"value\":\"Grüße\"},"
                + "{\"name\":\"From\",\"value\":\"ann@example.com\"},{\"name\":\"To\",\"value\":\"gina@example.com\"}],"
                + "\"parts\":[{\"mimeType\":\"multipart/alternative\",\"parts\":["
                + "{\"mimeType\":\"text/plain\",\"headers\":[{\"name\":\"Content-Type\",\"value\":\"text/plain; charset=UTF-8\"}],"
                + "\"body\":{\"size\":12,\"data\":\"" + b64("Liebe Grüße ✓") + "\"}},"
                + "{\"mimeType\":\"text/html\",\"body\":{\"data\":\"" + b64("<p>Liebe Grüße</p>") + "\"}}]},"
                + "{\"mimeType\":\"application/pdf\",\"filename\":\"plan.pdf\",\"body\":{\"size\":2048,\"attachmentId\":\"a1\"}}]}}";
        WM.stubFor(get(urlPathEqualTo(USERS + "/messages/m1"))
                .withQueryParam("format", equalTo("full"))
                .willReturn(json(message)));
        JsonNode out = output("gmail.read", Map.of("messageId", "m1"));
        assertThat(out.get("subject").asString()).isEqualTo("Grüße");
        assertThat(out.get("text").asString()).isEqualTo("Liebe Grüße ✓");
        assertThat(out.get("html").asString()).isEqualTo("<p>Liebe Grüße</p>");
        assertThat(out.get("labelIds").toString()).contains("UNREAD");
        assertThat(out.get("headers")).hasSize(3);
        JsonNode attachment = out.get("attachments").get(0);
        assertThat(attachment.get("filename").asString()).isEqualTo("plan.pdf");
        assertThat(attachment.get("size").asLong()).isEqualTo(2048);
        assertThat(attachment.get("attachmentId").asString()).isEqualTo("a1");
    }

    @Test
    void sendBuildsAnRfc5322MessageWithEncodedHeaders() {
        WM.stubFor(post(USERS + "/messages/send")
                .willReturn(json("{\"id\":\"s1\",\"threadId\":\"t9\",\"labelIds\":[\"SENT\"]}")));
        JsonNode out = output(
                "gmail.send",
                Map.of(
                        "to", List.of("Jürgen Groß <jurgen@example.com>", "bob@example.com"),
                        "subject", "Grüße aus Köln — ein langer Betreff, der über mehrere Zeilen gefaltet wird",
                        "text", "Hallo Jürgen,\nbis bald.",
                        "html", "<p>Hallo Jürgen</p>",
                        "threadId", "t9",
                        "inReplyTo", "<abc@mail.example.com>"));
        assertThat(out.get("id").asString()).isEqualTo("s1");
        var sent = WM.findAll(postRequestedFor(urlPathEqualTo(USERS + "/messages/send")));
        JsonNode body = JSON.readTree(sent.getFirst().getBodyAsString());
        assertThat(body.get("threadId").asString()).isEqualTo("t9");
        String raw = new String(Base64.getUrlDecoder().decode(body.get("raw").asString()), StandardCharsets.US_ASCII);
        assertThat(raw).as("7-bit only").matches("[\\x00-\\x7f]*");
        assertThat(raw)
                .contains("To: =?UTF-8?B?"
                        + Base64.getEncoder().encodeToString("Jürgen Groß".getBytes(StandardCharsets.UTF_8))
                        + "?= <jurgen@example.com>, bob@example.com\r\n");
        assertThat(raw).contains("Subject: =?UTF-8?B?").contains("\r\n =?UTF-8?B?");
        assertThat(raw).contains("In-Reply-To: <abc@mail.example.com>\r\n");
        assertThat(raw).contains("Content-Type: multipart/alternative; boundary=");
        assertThat(raw).contains("Content-Transfer-Encoding: base64");
        assertThat(raw)
                .contains(Base64.getEncoder().encodeToString("<p>Hallo Jürgen</p>".getBytes(StandardCharsets.UTF_8)));
        assertThat(decodeSubject(raw))
                .isEqualTo("Grüße aus Köln — ein langer Betreff, der über mehrere Zeilen gefaltet wird");
        for (String line : raw.split("\r\n")) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(998);
        }
    }

    private static String decodeSubject(String raw) {
        int start = raw.indexOf("Subject: ") + "Subject: ".length();
        int end = raw.indexOf("\r\n", start);
        while (raw.startsWith("\r\n ", end)) {
            end = raw.indexOf("\r\n", end + 3);
        }
        StringBuilder out = new StringBuilder();
        for (String word : raw.substring(start, end).split("\r\n ")) {
            assertThat(word.length()).isLessThanOrEqualTo(75);
            String b64 = word.substring("=?UTF-8?B?".length(), word.length() - 2);
            out.append(new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    @Test
    void sendRefusesHeaderInjectionAndBadAddressesNamingTheField() {
        var injected = run(
                "gmail.send", Map.of("to", List.of("a@example.com"), "subject", "hi\r\nBcc: x@evil.test", "text", "x"));
        assertThat(injected.status()).isEqualTo(400);
        assertThat(injected.body()).contains("input.subject");
        var bad = run(
                "gmail.send", Map.of("to", List.of("a@example.com", "not an address"), "subject", "hi", "text", "x"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("input.to[1]");
        WM.verify(0, postRequestedFor(urlPathEqualTo(USERS + "/messages/send")));
    }

    @Test
    void labelsAreAddedAndRemovedWithModify() {
        WM.stubFor(post(USERS + "/messages/m1/modify")
                .withRequestBody(equalToJson("{\"addLabelIds\":[\"STARRED\"]}"))
                .willReturn(json("{\"id\":\"m1\",\"labelIds\":[\"INBOX\",\"STARRED\"]}")));
        WM.stubFor(post(USERS + "/messages/m2/modify")
                .withRequestBody(equalToJson("{\"removeLabelIds\":[\"UNREAD\",\"INBOX\"]}"))
                .willReturn(json("{\"id\":\"m2\",\"labelIds\":[]}")));
        assertThat(output("gmail.add_labels", Map.of("messageId", "m1", "labelIds", List.of("STARRED")))
                        .get("labelIds")
                        .toString())
                .contains("STARRED");
        assertThat(output("gmail.remove_labels", Map.of("messageId", "m2", "labelIds", List.of("UNREAD", "INBOX")))
                        .get("labelIds"))
                .isEmpty();
    }

    @Test
    void anUnknownLabelIsRefusedNamingTheLabels() {
        WM.stubFor(
                post(USERS + "/messages/m1/modify").willReturn(error(400, "invalidArgument", "Invalid label: NOPE")));
        var r = run("gmail.add_labels", Map.of("messageId", "m1", "labelIds", List.of("NOPE")));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("detail").asString()).isEqualTo("labelIds was refused: Invalid label: NOPE");
    }

    @Test
    void newMailTriggerStartsFromTheProfileThenReadsHistory() {
        WM.stubFor(get(USERS + "/profile")
                .willReturn(json("{\"emailAddress\":\"gina@example.com\",\"historyId\":\"100\"}")));
        var first = poll("gmail.new_mail", null);
        assertThat(first.events()).isEmpty();
        assertThat(first.cursor()).isEqualTo("100");

        WM.stubFor(get(urlPathEqualTo(USERS + "/history"))
                .withQueryParam("startHistoryId", equalTo("100"))
                .withQueryParam("historyTypes", equalTo("messageAdded"))
                .willReturn(json(
                        "{\"history\":[{\"id\":\"101\",\"messagesAdded\":[{\"message\":{\"id\":\"m7\",\"threadId\":\"t7\","
                                + "\"labelIds\":[\"INBOX\",\"UNREAD\"]}}]},{\"id\":\"102\",\"messagesAdded\":[{\"message\":{\"id\":\"d1\","
                                + "\"threadId\":\"t8\",\"labelIds\":[\"DRAFT\"]}},{\"message\":{\"id\":\"s1\",\"labelIds\":[\"SENT\"]}}]}],"
                                + "\"historyId\":\"105\"}")));
        var next = poll("gmail.new_mail", "100");
        assertThat(next.cursor()).isEqualTo("105");
        assertThat(next.events()).hasSize(1);
        assertThat(next.events().getFirst().dedupKey()).isEqualTo("m7");
        assertThat(next.events().getFirst().payload().get("threadId").asString())
                .isEqualTo("t7");
    }

    @Test
    void aTooOldHistoryIdResetsTheCursor() {
        WM.stubFor(get(urlPathEqualTo(USERS + "/history"))
                .willReturn(error(404, "notFound", "Requested entity was not found.")));
        WM.stubFor(get(USERS + "/profile")
                .willReturn(json("{\"emailAddress\":\"gina@example.com\",\"historyId\":\"900\"}")));
        var poll = poll("gmail.new_mail", "3");
        assertThat(poll.events()).isEmpty();
        assertThat(poll.cursor()).isEqualTo("900");
    }

    @Test
    void anUnauthorizedAnswerMarksTheConnectionForReconnecting() {
        WM.stubFor(
                get(urlPathEqualTo(USERS + "/messages/m1")).willReturn(error(401, "authError", "Invalid Credentials")));
        var r = run("gmail.read", Map.of("messageId", "m1"));
        assertThat(r.status()).isEqualTo(424);
        var c = users.as(user).get("/api/v1/connections/" + connectionId);
        assertThat(c.json().get("status").asString()).isEqualTo("needs_reconnect");
        assertThat(c.json().get("statusReason").asString()).contains("Invalid Credentials");
    }

    @Test
    void rateLimitsAreRetriableAndMissingMessagesPermanentNamingTheField() {
        WM.stubFor(get(urlPathEqualTo(USERS + "/messages/busy"))
                .willReturn(error(403, "userRateLimitExceeded", "User Rate Limit Exceeded")));
        WM.stubFor(get(urlPathEqualTo(USERS + "/messages/gone"))
                .willReturn(error(404, "notFound", "Requested entity was not found.")));
        WM.stubFor(
                get(urlPathEqualTo(USERS + "/messages/down")).willReturn(error(503, "backendError", "Backend Error")));
        var busy = run("gmail.read", Map.of("messageId", "busy"));
        assertThat(busy.status()).isIn(502, 503);
        assertThat(busy.json().get("serviceStatus").asInt()).isEqualTo(403);
        assertThat(busy.json().get("detail").asString()).contains("rate limit");
        var gone = run("gmail.read", Map.of("messageId", "gone"));
        assertThat(gone.status()).as(gone.toString()).isEqualTo(404);
        assertThat(gone.json().get("detail").asString()).isEqualTo("messageId: the message was not found");
        assertThat(gone.json().get("field").asString()).isEqualTo("input.messageId");
        var down = run("gmail.read", Map.of("messageId", "down"));
        assertThat(down.status()).isEqualTo(502);
        assertThat(down.json().get("serviceStatus").asInt()).isEqualTo(503);
    }

    @Test
    void tooManyRequestsHonoursRetryAfter() {
        WM.stubFor(get(urlPathEqualTo(USERS + "/messages/m1"))
                .willReturn(error(429, "rateLimitExceeded", "Too many requests").withHeader("Retry-After", "30")));
        var r = run("gmail.read", Map.of("messageId", "m1"));
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.raw().headers().firstValue("Retry-After")).hasValue("30");
    }
}
