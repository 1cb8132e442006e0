package dev.atom.workflows;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestUsers;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Workflows are bound to their owner (issue 10): one that uses private things is the owner's alone, a saved
 * definition names only connections the saver may use, a member cannot make a colleague's workflow private, and
 * a run uses the owner's things only while the owner still may (else the step fails and nothing is called).
 */
class WorkflowOwnershipTest extends AppTestBase {
    private WireMockServer wm;
    private TestUsers users;
    private TestUsers.User olga;
    private TestUsers.User ann;
    private TestUsers.User bob;
    private TestUsers.User carol;

    @BeforeEach
    void setUp() {
        wm = new WireMockServer(wireMockConfig().dynamicPort());
        wm.start();
        wm.stubFor(post("/hit").willReturn(aResponse().withStatus(200).withBody("ok")));
        users = new TestUsers(this::http);
        olga = users.signUp("olga");
        ann = users.invite("ann", olga, "admin");
        bob = users.invite("bob", olga, "member");
        carol = users.invite("carol", olga, "member");
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

    private String calling(String connection) {
        return """
                { "name": "Caller", "trigger": { "type": "manual" },
                  "steps": [ { "id": "call", "action": "http.request", "connection": "%s",
                               "input": { "method": "POST", "url": "%s/hit" } } ] }
                """.formatted(connection, wm.baseUrl());
    }

    private static Map<String, Object> body(String definition) {
        return Map.of("definition", WorkflowTestSupport.JSON.readTree(definition));
    }

    @Test
    void aWorkflowOnAPrivateConnectionIsItsOwnersAlone() {
        var flows = new WorkflowTestSupport(users.as(bob));
        String id = flows.createAndPublish(calling(connection(bob, "private")));
        JsonNode run = flows.awaitEnd(flows.start(id, Map.of()));
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("succeeded");
        String path = "/api/v1/workflows/" + id;
        for (TestUsers.User other : new TestUsers.User[] {carol, ann}) {
            var as = users.as(other);
            assertThat(as.get(path).status()).isEqualTo(404);
            assertThat(as.put(path, body(calling("x"))).status()).isEqualTo(404);
            assertThat(as.post(path + "/enable", Map.of()).status()).isEqualTo(404);
            assertThat(as.post(path + "/runs", Map.of()).status()).isEqualTo(404);
            assertThat(as.get(path + "/export").status()).isEqualTo(404);
            assertThat(as.delete(path).status()).isEqualTo(404);
            assertThat(as.get("/api/v1/runs/" + run.get("id").asString()).status())
                    .isEqualTo(404);
            assertThat(as.get("/api/v1/workflows").body()).doesNotContain(id);
            assertThat(as.get("/api/v1/runs").body())
                    .doesNotContain(run.get("id").asString());
        }
        assertThat(users.as(bob).get("/api/v1/workflows").body()).contains(id);
        assertThat(users.as(bob)
                        .get("/api/v1/workflows/" + id)
                        .json()
                        .get("owner")
                        .asString())
                .isEqualTo(bob.id());
    }

    @Test
    void aDefinitionNamingAConnectionTheSaverMayNotUseIsRefusedAtItsField() {
        String bobsPrivate = connection(bob, "private");
        var created = users.as(carol).post("/api/v1/workflows", body(calling(bobsPrivate)));
        assertThat(created.status()).as(created.toString()).isEqualTo(400);
        assertThat(WorkflowTestSupport.errors(created))
                .anySatisfy(e -> assertThat(e).startsWith("steps[0].connection: "));
        var trigger = users.as(carol).post("/api/v1/workflows", body("""
                        { "name": "Poll", "trigger": { "type": "webhook.received", "connection": "%s" },
                          "steps": [] }
                        """.formatted(bobsPrivate)));
        assertThat(trigger.status()).isEqualTo(400);
        assertThat(WorkflowTestSupport.errors(trigger))
                .anySatisfy(e -> assertThat(e).startsWith("trigger.connection: "));
    }

    @Test
    void sharedOnlyWorkflowsAreEditedByAnyMemberWhoMayNotMakeThemPrivate() {
        String shared = connection(olga, "shared");
        var flows = new WorkflowTestSupport(users.as(bob));
        String id = flows.createAndPublish(calling(shared));
        String path = "/api/v1/workflows/" + id;
        var byCarol = users.as(carol).put(path, body(calling(shared).replace("Caller", "Carol's edit")));
        assertThat(byCarol.status()).as(byCarol.toString()).isEqualTo(200);
        var byAdmin = users.as(ann).put(path, body(calling(shared).replace("Caller", "Ann's edit")));
        assertThat(byAdmin.status()).as(byAdmin.toString()).isEqualTo(200);

        var sneaky = users.as(carol).put(path, body(calling(connection(carol, "private"))));
        assertThat(sneaky.status()).as(sneaky.toString()).isEqualTo(400);
        assertThat(WorkflowTestSupport.errors(sneaky))
                .anySatisfy(e -> assertThat(e).startsWith("steps[0].connection: "));
        assertThat(users.as(bob).get(path).json().get("name").asString()).isEqualTo("Ann's edit");
    }

    @Test
    void aRunStopsUsingAConnectionOnceItsOwnerMadeItPrivateAndNothingIsCalled() {
        String olgas = connection(olga, "shared");
        var flows = new WorkflowTestSupport(users.as(bob));
        String id = flows.createAndPublish(calling(olgas));
        var patched = users.as(olga).patch("/api/v1/connections/" + olgas, Map.of("visibility", "private"));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);

        JsonNode run = flows.awaitEnd(flows.start(id, Map.of()));
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("failed");
        assertThat(run.get("steps").get(0).get("error").asString())
                .contains("may not be used")
                .contains("private to another member");
        assertThat(wm.findAll(postRequestedFor(urlEqualTo("/hit")))).isEmpty();
    }

    @Test
    void aRunOfAFormerMembersWorkflowUsesNothingOfTheirs() {
        String mine = connection(bob, "shared");
        var flows = new WorkflowTestSupport(users.as(bob));
        String id = flows.createAndPublish(calling(mine));
        var removed = users.as(olga).delete("/api/v1/workspaces/" + olga.workspaceId() + "/members/" + bob.id());
        assertThat(removed.status()).as(removed.toString()).isIn(200, 204);

        var olgaFlows = new WorkflowTestSupport(users.as(olga));
        JsonNode run = olgaFlows.awaitEnd(olgaFlows.start(id, Map.of()));
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("failed");
        assertThat(run.get("steps").get(0).get("error").asString()).contains("no longer a member");
        assertThat(wm.findAll(postRequestedFor(urlEqualTo("/hit")))).isEmpty();
    }
}
