package dev.atom.workspace.search;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.atom.workspace.search.SearchApiTest.awaitSearch;
import static dev.atom.workspace.search.SearchApiTest.titles;
import static dev.atom.workspace.search.SearchApiTest.url;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import dev.atom.workflows.WorkflowTestSupport;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Workflows and runs in search (issue 10 §6), made and run through the workflows API: found by name, a run as its
 * workflow's name and status, followed as they change and go; a private workflow (one on its owner's private
 * connection) and its runs are found by the owner alone, also when it turned private without being edited.
 */
class WorkflowSearchTest extends AppTestBase {
    private WireMockServer wm;
    private TestUsers users;
    private TestUsers.User olga;
    private TestUsers.User bob;
    private TestUsers.User carol;
    private final String word = "wq" + UUID.randomUUID().toString().substring(0, 6);

    @BeforeEach
    void setUp() {
        wm = new WireMockServer(wireMockConfig().dynamicPort());
        wm.start();
        wm.stubFor(post("/hit").willReturn(aResponse().withStatus(200).withBody("ok")));
        users = new TestUsers(this::http);
        olga = users.signUp("olga");
        bob = users.invite("bob", olga, "member");
        carol = users.invite("carol", olga, "admin");
    }

    @AfterEach
    void tearDown() {
        wm.stop();
    }

    private String connection(TestUsers.User user, String visibility) {
        var r = users.as(user)
                .post(
                        "/api/v1/connections",
                        Map.of("connector", "http", "name", "Web", "visibility", visibility, "credentials", Map.of()));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    private String calling(String name, String connection) {
        return """
                { "name": "%s", "trigger": { "type": "manual" },
                  "steps": [ { "id": "call", "action": "http.request", "connection": "%s",
                               "input": { "method": "POST", "url": "%s/hit" } } ] }
                """.formatted(name, connection, wm.baseUrl());
    }

    @Test
    void findsWorkflowsAndRunsAndHidesPrivateOnesFromOtherMembers() {
        var bobs = new WorkflowTestSupport(users.as(bob));
        String payroll = bobs.createAndPublish(calling("Payroll export " + word, connection(bob, "private")));
        String payrollRun =
                bobs.awaitEnd(bobs.start(payroll, Map.of())).get("id").asString();
        String olgasShared = connection(olga, "shared");
        var olgas = new WorkflowTestSupport(users.as(olga));
        String digest = olgas.createAndPublish(calling("Team digest " + word, olgasShared));
        String digestRun =
                olgas.awaitEnd(olgas.start(digest, Map.of())).get("id").asString();

        TestHttp asBob = users.as(bob);
        var all = java.util.List.of(
                "Payroll export " + word,
                "Payroll export " + word + " succeeded",
                "Team digest " + word,
                "Team digest " + word + " succeeded");
        awaitSearch(
                asBob, url(word, ""), p -> titles(p).size() == 4 && titles(p).containsAll(all));
        JsonNode run = hit(asBob.get(url("type:run payroll " + word, "")).json(), payrollRun);
        assertThat(run.get("type").asString()).isEqualTo("run");
        assertThat(run.get("link").asString()).isEqualTo("/runs/" + payrollRun);
        assertThat(run.get("source").asString()).isEqualTo("Atom workflows");
        assertThat(run.get("time").asString()).endsWith("Z");
        JsonNode flow = hit(asBob.get(url("type:workflow payroll " + word, "")).json(), payroll);
        assertThat(flow.get("link").asString()).isEqualTo("/automations/" + payroll + "/edit");
        assertThat(flow.get("snippet").asString()).isEmpty();

        // another member, and an admin too, never find Bob's private workflow or its run
        for (TestUsers.User other : new TestUsers.User[] {olga, carol}) {
            JsonNode theirs = users.as(other).get(url(word, "")).json();
            assertThat(titles(theirs))
                    .containsExactlyInAnyOrder("Team digest " + word, "Team digest " + word + " succeeded");
            assertThat(theirs.toString()).doesNotContain(payroll).doesNotContain(payrollRun);
            assertThat(titles(users.as(other)
                            .get(url("payroll " + word, "&types=workflow,run"))
                            .json()))
                    .noneMatch(t -> t.startsWith("Payroll"));
        }

        // Olga's connection turns private: her workflow and its run are hers alone now, though neither changed
        var patched = users.as(olga).patch("/api/v1/connections/" + olgasShared, Map.of("visibility", "private"));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(titles(asBob.get(url(word, "")).json()))
                .containsExactlyInAnyOrder("Payroll export " + word, "Payroll export " + word + " succeeded");
        assertThat(titles(users.as(olga).get(url(word, "")).json())).hasSize(2).allMatch(t -> t.startsWith("Team"));
        assertThat(asBob.get(url(word, "")).body()).doesNotContain(digestRun);
    }

    @Test
    void followsRenamesAndDeletionsOfWorkflowsAndTheirRuns() {
        var olgas = new WorkflowTestSupport(users.as(olga));
        String shared = connection(olga, "shared");
        String id = olgas.createAndPublish(calling("Invoice reminder " + word, shared));
        olgas.awaitEnd(olgas.start(id, Map.of()));
        TestHttp asBob = users.as(bob);
        awaitSearch(
                asBob, url("invoice " + word, ""), p -> titles(p).contains("Invoice reminder " + word + " succeeded"));

        var renamed = users.as(olga)
                .put(
                        "/api/v1/workflows/" + id,
                        Map.of("definition", JSON.readTree(calling("Receipt reminder " + word, shared))));
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        JsonNode after = awaitSearch(
                asBob, url("receipt " + word, ""), p -> titles(p).contains("Receipt reminder " + word + " succeeded"));
        assertThat(titles(after))
                .as("the run's title follows its workflow's name")
                .containsExactlyInAnyOrder("Receipt reminder " + word, "Receipt reminder " + word + " succeeded");
        assertThat(titles(asBob.get(url("\"invoice reminder\" " + word, "")).json()))
                .as("a phrase stays exact (no meaning-based hits)")
                .isEmpty();

        assertThat(users.as(olga).delete("/api/v1/workflows/" + id).status()).isEqualTo(204);
        awaitSearch(asBob, url(word, ""), p -> p.get("hits").isEmpty());
    }

    private static final tools.jackson.databind.json.JsonMapper JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();

    private static JsonNode hit(JsonNode page, String id) {
        for (JsonNode h : page.get("hits")) {
            if (h.get("id").asString().equals(id)) {
                return h;
            }
        }
        throw new AssertionError("no hit " + id + " in " + page);
    }
}
