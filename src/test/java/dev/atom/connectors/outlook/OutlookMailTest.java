package dev.atom.connectors.outlook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The mail actions and the health check against a stubbed Microsoft Graph. */
class OutlookMailTest extends OutlookTestBase {

    @Test
    void healthIsGetMeAndNamesTheMailbox() {
        WM.stubFor(
                get(urlPathEqualTo(V1 + "/me"))
                        .withQueryParam("$select", equalTo("id,mail,userPrincipalName"))
                        .willReturn(
                                json(
                                        "{\"id\":\"u1\",\"mail\":\"olga@contoso.com\",\"userPrincipalName\":\"olga@contoso.onmicrosoft.com\"}")));
        var r = users.as(user).post("/api/v1/connections/" + connectionId + "/test", Map.of());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("status").asString()).isEqualTo("connected");
        assertThat(r.json().get("account").asString()).isEqualTo("olga@contoso.com");
    }

    @Test
    void searchSendsAQuotedSearchPhraseAndFollowsTheNextLink() {
        String next = link("/me/messages?$search=%22from:ann%22&$top=2&$skip=2");
        WM.stubFor(get(urlPathEqualTo(V1 + "/me/messages"))
                .withQueryParam("$search", equalTo("\"from:ann subject:invoice\""))
                .withQueryParam("$top", equalTo("2"))
                .withQueryParam("$orderby", absent())
                .withQueryParam("$select", containing("receivedDateTime"))
                .willReturn(
                        json("{\"value\":[{\"id\":\"AAMk1\",\"subject\":\"Invoice 7\",\"bodyPreview\":\"Please pay\","
                                + "\"receivedDateTime\":\"2026-11-20T08:00:00Z\",\"isRead\":false,\"hasAttachments\":true,"
                                + "\"from\":{\"emailAddress\":{\"name\":\"Ann Lee\",\"address\":\"ann@example.com\"}}},"
                                + "{\"id\":\"AAMk2\",\"subject\":\"Invoice 8\",\"isRead\":true,"
                                + "\"from\":{\"emailAddress\":{\"address\":\"ann@example.com\"}}}],"
                                + "\"@odata.nextLink\":\"" + next + "\"}")));
        JsonNode out = output("outlook.search_mail", Map.of("query", "from:ann subject:invoice", "top", 2));
        assertThat(out.get("messages")).hasSize(2);
        JsonNode first = out.get("messages").get(0);
        assertThat(first.get("id").asString()).isEqualTo("AAMk1");
        assertThat(first.get("from").asString()).isEqualTo("Ann Lee <ann@example.com>");
        assertThat(first.get("hasAttachments").asBoolean()).isTrue();
        assertThat(out.get("messages").get(1).get("from").asString()).isEqualTo("ann@example.com");
        assertThat(out.get("nextLink").asString()).isEqualTo(next);

        WM.stubFor(get(urlPathEqualTo(V1 + "/me/messages"))
                .withQueryParam("$skip", equalTo("2"))
                .willReturn(json("{\"value\":[{\"id\":\"AAMk3\",\"subject\":\"Invoice 9\"}]}")));
        JsonNode page2 = output("outlook.search_mail", Map.of("nextLink", next));
        assertThat(page2.get("messages").get(0).get("id").asString()).isEqualTo("AAMk3");
        assertThat(page2.has("nextLink") && !page2.get("nextLink").isNull()).isFalse();
    }

    @Test
    void aFilterInAFolderIsSentAsODataAndNewestFirstOnlyWithoutOne() {
        WM.stubFor(get(urlPathEqualTo(V1 + "/me/mailFolders/inbox/messages"))
                .withQueryParam("$filter", equalTo("isRead eq false"))
                .withQueryParam("$orderby", absent())
                .willReturn(json("{\"value\":[]}")));
        WM.stubFor(get(urlPathEqualTo(V1 + "/me/mailFolders/archive/messages"))
                .withQueryParam("$orderby", equalTo("receivedDateTime desc"))
                .withQueryParam("$top", equalTo("25"))
                .willReturn(json("{\"value\":[{\"id\":\"A1\"}]}")));
        assertThat(output("outlook.search_mail", Map.of("filter", "isRead eq false", "folder", "inbox"))
                        .get("messages"))
                .isEmpty();
        assertThat(output("outlook.search_mail", Map.of("folder", "archive")).get("messages"))
                .hasSize(1);
    }

    @Test
    void searchRefusesAPhraseWithAFilterAndAForeignNextLinkNamingTheField() {
        var both = run("outlook.search_mail", Map.of("query", "x", "filter", "isRead eq false"));
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.body()).contains("input.filter");
        var foreign = run("outlook.search_mail", Map.of("nextLink", "https://evil.example/v1.0/me/messages"));
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.body()).contains("input.nextLink");
        assertThat(WM.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void readAsksForTheBodyFormatAndListsHeadersAndAttachments() {
        WM.stubFor(
                get(urlPathEqualTo(V1 + "/me/messages/AAMk1"))
                        .withHeader("Prefer", containing("outlook.body-content-type=\"text\""))
                        .withQueryParam("$expand", equalTo("attachments($select=id,name,contentType,size,isInline)"))
                        .willReturn(
                                json(
                                        "{\"id\":\"AAMk1\",\"subject\":\"Grüße\",\"isRead\":true,\"importance\":\"high\","
                                                + "\"from\":{\"emailAddress\":{\"name\":\"Ann\",\"address\":\"ann@example.com\"}},"
                                                + "\"toRecipients\":[{\"emailAddress\":{\"name\":\"Olga\",\"address\":\"olga@contoso.com\"}}],"
                                                + "\"ccRecipients\":[],\"categories\":[\"Red category\"],\"flag\":{\"flagStatus\":\"flagged\"},"
                                                + "\"body\":{\"contentType\":\"text\",\"content\":\"Liebe Grüße\"},"
                                                + "\"internetMessageHeaders\":[{\"name\":\"Message-ID\",\"value\":\"<a@b>\"}],"
                                                + "\"attachments\":[{\"@odata.type\":\"#microsoft.graph.fileAttachment\",\"id\":\"att1\","
                                                + "\"name\":\"plan.pdf\",\"contentType\":\"application/pdf\",\"size\":2048,\"isInline\":false}]}")));
        JsonNode out = output("outlook.read_mail", Map.of("messageId", "AAMk1", "bodyFormat", "text"));
        assertThat(out.get("subject").asString()).isEqualTo("Grüße");
        assertThat(out.get("body").asString()).isEqualTo("Liebe Grüße");
        assertThat(out.get("bodyContentType").asString()).isEqualTo("text");
        assertThat(out.get("to").get(0).asString()).isEqualTo("Olga <olga@contoso.com>");
        assertThat(out.get("flagStatus").asString()).isEqualTo("flagged");
        assertThat(out.get("categories").get(0).asString()).isEqualTo("Red category");
        assertThat(out.get("headers").get(0).get("name").asString()).isEqualTo("Message-ID");
        JsonNode attachment = out.get("attachments").get(0);
        assertThat(attachment.get("name").asString()).isEqualTo("plan.pdf");
        assertThat(attachment.get("size").asLong()).isEqualTo(2048);
    }

    @Test
    void sendPostsTheMessageWithRecipientsAndSavesToSentItems() {
        WM.stubFor(post(V1 + "/me/sendMail").willReturn(aResponse().withStatus(202)));
        JsonNode out = output(
                "outlook.send_mail",
                Map.of(
                        "to", List.of("Jürgen Groß <jurgen@example.com>", "bob@example.com"),
                        "cc", List.of("carol@example.com"),
                        "subject", "Grüße",
                        "body", "<p>Hallo</p>",
                        "bodyType", "html"));
        assertThat(out.get("accepted").asBoolean()).isTrue();
        assertThat(out.get("savedToSentItems").asBoolean()).isTrue();
        WM.verify(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo(V1 + "/me/sendMail"))
                .withRequestBody(equalToJson("{\"Message\":{\"subject\":\"Grüße\","
                        + "\"body\":{\"contentType\":\"html\",\"content\":\"<p>Hallo</p>\"},"
                        + "\"toRecipients\":[{\"emailAddress\":{\"address\":\"jurgen@example.com\",\"name\":\"Jürgen Groß\"}},"
                        + "{\"emailAddress\":{\"address\":\"bob@example.com\"}}],"
                        + "\"ccRecipients\":[{\"emailAddress\":{\"address\":\"carol@example.com\"}}]},"
                        + "\"SaveToSentItems\":true}")));
    }

    @Test
    void sendRefusesBadAddressesAndMultiLineSubjectsNamingTheField() {
        var bad = run(
                "outlook.send_mail",
                Map.of("to", List.of("a@example.com"), "cc", List.of("not an address"), "subject", "hi", "body", "x"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("input.cc[0]");
        var injected = run(
                "outlook.send_mail",
                Map.of("to", List.of("a@example.com"), "subject", "hi\r\nBcc: x@evil.test", "body", "x"));
        assertThat(injected.status()).isEqualTo(400);
        assertThat(injected.body()).contains("input.subject");
        assertThat(WM.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void moveFlagAndCategorizeChangeTheMessage() {
        WM.stubFor(post(V1 + "/me/messages/AAMk1/move")
                .withRequestBody(equalToJson("{\"destinationId\":\"archive\"}"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"AAMk1\",\"parentFolderId\":\"AQMkArchive\"}")));
        WM.stubFor(patch(urlPathEqualTo(V1 + "/me/messages/AAMk2"))
                .withRequestBody(equalToJson("{\"flag\":{\"flagStatus\":\"flagged\"},\"isRead\":true}"))
                .willReturn(json(
                        "{\"id\":\"AAMk2\",\"isRead\":true,\"flag\":{\"flagStatus\":\"flagged\"},\"categories\":[]}")));
        WM.stubFor(patch(urlPathEqualTo(V1 + "/me/messages/AAMk3"))
                .withRequestBody(equalToJson("{\"categories\":[\"Red category\",\"Travel\"]}"))
                .willReturn(json("{\"id\":\"AAMk3\",\"isRead\":false,\"flag\":{\"flagStatus\":\"notFlagged\"},"
                        + "\"categories\":[\"Red category\",\"Travel\"]}")));
        JsonNode moved = output("outlook.move_mail", Map.of("messageId", "AAMk1", "destination", "archive"));
        assertThat(moved.get("id").asString()).isEqualTo("AAMk1");
        assertThat(moved.get("parentFolderId").asString()).isEqualTo("AQMkArchive");
        JsonNode flagged =
                output("outlook.flag_mail", Map.of("messageId", "AAMk2", "flagStatus", "flagged", "isRead", true));
        assertThat(flagged.get("flagStatus").asString()).isEqualTo("flagged");
        assertThat(flagged.get("isRead").asBoolean()).isTrue();
        JsonNode categorized = output(
                "outlook.categorize_mail",
                Map.of("messageId", "AAMk3", "categories", List.of("Red category", "Travel")));
        assertThat(categorized.get("categories")).hasSize(2);
        var nothing = run("outlook.flag_mail", Map.of("messageId", "AAMk2"));
        assertThat(nothing.status()).isEqualTo(400);
        assertThat(nothing.body()).contains("input.flagStatus");
    }

    /**
     * The inbox's reply: Graph's documented {@code POST /me/messages/{id}/reply} (or {@code /replyAll}) with
     * {@code {"comment": ...}} answers 202 with no body; Graph sets the recipients, subject and thread itself.
     */
    @Test
    void replyAnswersInTheConversationOnceAndAnEmptyCommentIsRefused() {
        WM.stubFor(post(urlPathEqualTo(V1 + "/me/messages/AAMk1/reply"))
                .willReturn(aResponse().withStatus(202)));
        WM.stubFor(post(urlPathEqualTo(V1 + "/me/messages/AAMk2/replyAll"))
                .willReturn(aResponse().withStatus(202)));
        WM.stubFor(post(urlPathEqualTo(V1 + "/me/messages/gone/reply"))
                .willReturn(error(404, "ErrorItemNotFound", "The specified object was not found in the store.")));

        JsonNode replied = output("outlook.reply_mail", Map.of("messageId", "AAMk1", "comment", "Thanks, paid."));
        assertThat(replied.get("messageId").asString()).isEqualTo("AAMk1");
        WM.verify(
                1,
                postRequestedFor(urlPathEqualTo(V1 + "/me/messages/AAMk1/reply"))
                        .withHeader("Content-Type", containing("application/json"))
                        .withRequestBody(equalToJson("{\"comment\":\"Thanks, paid.\"}")));
        output("outlook.reply_mail", Map.of("messageId", "AAMk2", "comment", "All: noted.", "replyAll", true));
        WM.verify(
                1,
                postRequestedFor(urlPathEqualTo(V1 + "/me/messages/AAMk2/replyAll"))
                        .withRequestBody(equalToJson("{\"comment\":\"All: noted.\"}")));

        var empty = run("outlook.reply_mail", Map.of("messageId", "AAMk1", "comment", " "));
        assertThat(empty.status()).as(empty.toString()).isEqualTo(400);
        assertThat(empty.body()).contains("input.comment");
        var gone = run("outlook.reply_mail", Map.of("messageId", "gone", "comment", "hi"));
        assertThat(gone.status()).as(gone.toString()).isEqualTo(404);
        assertThat(gone.json().get("field").asString()).isEqualTo("input.messageId");
        WM.verify(3, postRequestedFor(urlPathMatching(V1 + "/me/messages/.*")));
    }

    /** What the catalog tells the engine and the assistant: which actions write, how a retry is safe, how to connect. */
    @Test
    void catalogFacts() {
        assertThat(retryFacts())
                .isEqualTo(Map.ofEntries(
                        Map.entry("outlook.search_mail", "reads natural"),
                        Map.entry("outlook.read_mail", "reads natural"),
                        Map.entry("outlook.send_mail", "writes none"),
                        Map.entry("outlook.reply_mail", "writes none"),
                        Map.entry("outlook.move_mail", "writes natural"),
                        Map.entry("outlook.flag_mail", "writes natural"),
                        Map.entry("outlook.categorize_mail", "writes natural"),
                        Map.entry("outlook.list_events", "reads natural"),
                        Map.entry("outlook.create_event", "writes key"),
                        Map.entry("outlook.update_event", "writes natural"),
                        Map.entry("outlook.delete_event", "writes natural"),
                        Map.entry("outlook.free_busy", "reads natural")));
        assertThat(authKinds()).containsExactly("oauth2");
        assertThat(triggerKinds())
                .containsExactlyInAnyOrder("outlook.new_mail polling", "outlook.event_changed polling");
    }
}
