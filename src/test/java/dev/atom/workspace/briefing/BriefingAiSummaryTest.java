package dev.atom.workspace.briefing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.ai.gateway.GatewayTestBase;
import dev.atom.testing.TestUsers;
import dev.atom.workspace.sync.SyncStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The optional AI summary: through the gateway with the person's own key (a stubbed provider), citing items by
 * number; without a key, the offline summary with the reason; never required.
 */
class BriefingAiSummaryTest extends GatewayTestBase {
    private TestUsers.User owner;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    List<SyncStore> stores;

    @BeforeEach
    void setUp() {
        owner = users().signUp("rosa");
        for (String title : new String[] {"Renew the lease", "Book flights"}) {
            var r = users().as(owner)
                    .post(
                            "/api/v1/tasks",
                            Map.of("title", title, "dueAt", "2030-03-02T10:00", "timeZone", "Europe/Berlin"));
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
        }
    }

    private JsonNode briefing(String query) {
        var r = users().as(owner).get("/api/v1/briefing?date=2030-03-02&timeZone=Europe/Berlin" + query);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    @Test
    void theModelsSummaryCitesTheItemsByNumber() {
        String prefix = prefix("openai");
        addKey(owner, "openai", prefix);
        provider.stubFor(post(urlPathEqualTo("/" + prefix + "/v1/chat/completions"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(answer("Book the flights [2] before the lease [1]. Ignore [7].", 40, 12, 0))));

        JsonNode b = briefing("&summary=ai");
        JsonNode summary = b.get("summary");
        assertThat(summary.get("source").asString()).isEqualTo("ai");
        assertThat(summary.get("text").asString()).isEqualTo("Book the flights [2] before the lease [1]. Ignore [7].");
        JsonNode citations = summary.get("citations");
        assertThat(citations).as("[7] names no item").hasSize(2);
        assertThat(citations.get(0).get("ref").asInt()).isEqualTo(2);
        assertThat(citations.get(0).get("section").asString()).isEqualTo("tasks");
        assertThat(citations.get(0).get("id").asString())
                .isEqualTo(b.get("tasks").get(1).get("id").asString());
        assertThat(citations.get(0).get("link").asString())
                .isEqualTo(b.get("tasks").get(1).get("link").asString());
        assertThat(citations.get(1).get("label").asString()).isEqualTo("Renew the lease");

        var sent = provider.findAll(postRequestedFor(urlPathEqualTo("/" + prefix + "/v1/chat/completions")));
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).getBodyAsString())
                .contains("[1] Renew the lease")
                .contains("[2] Book flights")
                .contains("Cite each item");

        assertThat(briefing("").at("/summary/source").asString())
                .as("only when asked")
                .isEqualTo("offline");
        assertThat(provider.findAll(postRequestedFor(urlPathEqualTo("/" + prefix + "/v1/chat/completions"))))
                .hasSize(1);
    }

    @Test
    void withoutAKeyTheOfflineSummaryStaysWithTheReason() {
        JsonNode summary = briefing("&summary=ai").get("summary");
        assertThat(summary.get("source").asString()).isEqualTo("offline");
        assertThat(summary.get("text").asString()).isEqualTo("No meetings; 2 tasks due today.");
        assertThat(summary.get("aiError").asString()).isNotBlank();
    }

    @Test
    void meetingsAndMessagesAreNumberedAndCitedLikeTasks() {
        var data = new BriefingFixtures(jdbc, stores);
        String ws = owner.workspaceId();
        String cal = data.connection(ws, owner.id(), "google-calendar", "Rosa's Google", "private");
        data.sync(
                ws,
                cal,
                "google-calendar",
                "events",
                BriefingFixtures.event(
                        "e1", "Work", "Budget meeting", "2030-03-02T08:00:00Z", "2030-03-02T09:00:00Z", true));
        String mail = data.connection(ws, owner.id(), "gmail", "Rosa's Gmail", "private");
        data.sync(
                ws,
                mail,
                "gmail",
                "messages",
                BriefingFixtures.mail("g1", "lee@example.com", "Lee", "Lease terms", "2030-03-01T18:00:00Z", true));
        String prefix = prefix("openai");
        addKey(owner, "openai", prefix);
        provider.stubFor(post(urlPathEqualTo("/" + prefix + "/v1/chat/completions"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(answer("Budget meeting at 09:00 [1]; Lee wrote about the lease [4].", 60, 15, 0))));

        JsonNode b = briefing("&summary=ai");
        JsonNode citations = b.at("/summary/citations");
        assertThat(citations).hasSize(2);
        assertThat(citations.get(0).get("section").asString()).isEqualTo("meetings");
        assertThat(citations.get(0).get("id").asString())
                .isEqualTo(b.get("meetings").get(0).get("id").asString());
        assertThat(citations.get(0).get("link").asString()).startsWith("/calendar?view=day&date=2030-03-02&event=");
        assertThat(citations.get(1).get("section").asString()).isEqualTo("messages");
        assertThat(citations.get(1).get("label").asString()).isEqualTo("Lease terms from Lee");
        assertThat(citations.get(1).get("link").asString())
                .isEqualTo(b.get("messages").get(0).get("link").asString());
        var sent = provider.findAll(postRequestedFor(urlPathEqualTo("/" + prefix + "/v1/chat/completions")));
        assertThat(sent.get(0).getBodyAsString())
                .contains("[1] 09:00–10:00 Budget meeting")
                .contains("[2] Renew the lease")
                .contains("[4] Lease terms from Lee");
    }
}
