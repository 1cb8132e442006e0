package dev.atom.connectors.asana;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.atom.connectors.internal.TestOAuthConnections;
import dev.atom.testing.ApiDescription;
import dev.atom.testing.ConnectorContractTestBase;
import dev.atom.testing.OpenApiContract;
import dev.atom.testing.StubMount;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The Asana connector's actions through the running app against WireMock, every request checked against
 * Asana's official description (cut at test time to the paths used).
 */
@StubMount(property = "ATOM_ASANA_BASE_URL", path = "/api/1.0")
class AsanaConnectorTest extends ConnectorContractTestBase {
    // Assembled so no line looks like a real Asana token to secret scanners; it is a fake.
    static final String PAT = "2/1204" + "567890123456/1208765432109876:0123456789abcdef0123456789abcdef";
    static final String BASE = "/api/1.0";
    static final String TASK_OBJECT = "{\"gid\":\"1201\",\"name\":\"Ship it\",\"completed\":false,"
            + "\"assignee\":{\"gid\":\"42\",\"resource_type\":\"user\"},\"due_on\":\"2026-12-01\",\"notes\":\"Soon\","
            + "\"permalink_url\":\"https://app.asana.com/0/1/1201\",\"modified_at\":\"2026-11-20T10:00:00.000Z\"}";
    static final String TASK = "{\"data\":" + TASK_OBJECT + "}";

    @Autowired
    ApplicationContext context;

    private TestUsers users;
    private TestUsers.User user;
    private String connection;

    static OpenApiContract contract() {
        return OpenApiContract.subset(
                "asana.json",
                Map.of(OpenApiContract.RESOLVE_ALL_OF, "true"),
                "/users/{user_gid}",
                "/tasks",
                "/tasks/{task_gid}",
                "/tasks/{task_gid}/stories",
                "/events");
    }

    static void json(MappingBuilder m, int status, String body) {
        STUB.stubFor(m.willReturn(aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(body)));
    }

    @Override
    protected String connectorId() {
        return "asana";
    }

    @Override
    protected Set<String> expectedActions() {
        return actions(
                "asana.list_tasks",
                "asana.create_task",
                "asana.update_task",
                "asana.complete_task",
                "asana.add_comment");
    }

    @Override
    protected ApiDescription apiDescription() {
        return ApiDescription.openApi(contract());
    }

    @BeforeEach
    void connect() {
        json(
                get(urlPathEqualTo(BASE + "/users/me")),
                200,
                "{\"data\":{\"gid\":\"42\",\"name\":\"Asa\",\"email\":\"asa@example.com\"}}");
        users = new TestUsers(this::http);
        user = users.signUp("asa");
        var c = users.as(user)
                .post(
                        "/api/v1/connections",
                        Map.of("connector", "asana", "name", "Work", "credentials", Map.of("token", PAT)));
        assertThat(c.status()).as(c.toString()).isEqualTo(201);
        assertThat(c.json().get("status").asString()).isEqualTo("connected");
        assertThat(c.json().get("account").asString()).isEqualTo("asa@example.com");
        connection = c.json().get("id").asString();
    }

    private TestHttp.Response run(String action, Map<String, Object> input) {
        return users.as(user).post("/api/v1/connections/" + connection + "/actions/" + action, input);
    }

    private static List<String> fields(TestHttp.Response r) {
        List<String> out = new ArrayList<>();
        r.json()
                .path("errors")
                .forEach(e -> out.add(
                        e.get("field").asString() + ": " + e.get("message").asString()));
        return out;
    }

    /** What the catalog tells the engine and the assistant: which actions write, how a retry is safe, how to connect. */
    @Test
    void catalogFacts() {
        assertThat(retryFacts())
                .isEqualTo(Map.ofEntries(
                        Map.entry("asana.list_tasks", "reads natural"),
                        Map.entry("asana.create_task", "writes none"),
                        Map.entry("asana.update_task", "writes natural"),
                        Map.entry("asana.complete_task", "writes natural"),
                        Map.entry("asana.add_comment", "writes none")));
        assertThat(authKinds()).containsExactly("api_key", "oauth2");
        assertThat(triggerKinds()).containsExactly("asana.project_changed polling");
        assertThat(catalogEntry().at("/auths/0/fields/0/secret").asBoolean())
                .as("the token is a secret")
                .isTrue();
    }

    @Test
    void healthIsUsersMeWithThePastedTokenAndARefusedTokenNeedsReconnecting() {
        STUB.verify(getRequestedFor(urlPathEqualTo(BASE + "/users/me"))
                .withHeader("Authorization", equalTo("Bearer " + PAT)));
        json(
                get(urlPathEqualTo(BASE + "/users/me")),
                401,
                "{\"errors\":[{\"message\":\"Not Authorized\",\"help\":\"See https://developers.asana.com\"}]}");
        var bad = users.as(user).post("/api/v1/connections/" + connection + "/test", null);
        assertThat(bad.json().get("status").asString()).isEqualTo("needs_reconnect");
        assertThat(bad.json().get("statusReason").asString()).contains("Not Authorized");
        assertThat(bad.toString()).doesNotContain(PAT);
    }

    @Test
    void anOAuthConnectionSendsItsAccessToken() {
        String token = "asana-" + "oauth-access-1";
        String id = new TestOAuthConnections(context).create(user.workspaceId(), user.id(), "asana", token);
        var tested = users.as(user).post("/api/v1/connections/" + id + "/test", null);
        assertThat(tested.json().get("status").asString()).isEqualTo("connected");
        assertThat(tested.json().get("auth").asString()).isEqualTo("oauth2");
        STUB.verify(getRequestedFor(urlPathEqualTo(BASE + "/users/me"))
                .withHeader("Authorization", equalTo("Bearer " + token)));
    }

    @Test
    void listsAProjectsOpenTasksWithExtraFieldsAndPages() {
        json(
                get(urlPathEqualTo(BASE + "/tasks")),
                200,
                "{\"data\":[" + TASK_OBJECT.replace("\"gid\":\"1201\",", "\"gid\":\"1201\",\"tags\":[{\"gid\":\"5\"}],")
                        + "],"
                        + "\"next_page\":{\"offset\":\"eyJ0eXAi\",\"path\":\"/tasks?offset=eyJ0eXAi\","
                        + "\"uri\":\"https://app.asana.com/api/1.0/tasks?offset=eyJ0eXAi\"}}");
        var r = run(
                "asana.list_tasks",
                Map.of("project", "1100", "completedSince", "now", "optFields", List.of("tags"), "limit", 20));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode out = r.json().get("output");
        assertThat(out.at("/tasks/0/gid").asString()).isEqualTo("1201");
        assertThat(out.at("/tasks/0/assignee").asString()).isEqualTo("42");
        assertThat(out.at("/tasks/0/dueOn").asString()).isEqualTo("2026-12-01");
        assertThat(out.at("/tasks/0/url").asString()).isEqualTo("https://app.asana.com/0/1/1201");
        assertThat(out.get("nextOffset").asString()).isEqualTo("eyJ0eXAi");
        assertThat(out.at("/tasks/0/raw/tags/0/gid").asString())
                .as("the extra field asked for")
                .isEqualTo("5");
        STUB.verify(getRequestedFor(urlPathEqualTo(BASE + "/tasks"))
                .withQueryParam("project", equalTo("1100"))
                .withQueryParam("completed_since", matching("20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z"))
                .withQueryParam("limit", equalTo("20"))
                .withQueryParam("opt_fields", equalTo(AsanaTask.FIELDS + ",tags"))
                .withQueryParam("workspace", absent()));

        var mine = run("asana.list_tasks", Map.of("assignee", "me", "workspace", "77", "offset", "eyJ0eXAi"));
        assertThat(mine.status()).as(mine.toString()).isEqualTo(200);
        STUB.verify(getRequestedFor(urlPathEqualTo(BASE + "/tasks"))
                .withQueryParam("assignee", equalTo("me"))
                .withQueryParam("workspace", equalTo("77"))
                .withQueryParam("offset", equalTo("eyJ0eXAi")));
    }

    @Test
    void listingNamesWhatIsMissingOrMalformed() {
        assertThat(fields(run("asana.list_tasks", Map.of("assignee", "me"))))
                .containsExactly("input.project: give a project, or an assignee together with a workspace");
        assertThat(fields(run("asana.list_tasks", Map.of("project", "../users"))))
                .containsExactly("input.project: must be an Asana id (digits, e.g. 1204567890123456)");
        assertThat(fields(run("asana.list_tasks", Map.of("project", "1", "optFields", List.of("a&b")))))
                .containsExactly("input.optFields: 'a&b' is not an Asana field name");
        STUB.verify(0, getRequestedFor(urlPathEqualTo(BASE + "/tasks")));
    }

    @Test
    void createsATaskWrappedInDataAndNamesTheFieldAsanaRefuses() {
        json(post(urlPathEqualTo(BASE + "/tasks")), 201, TASK);
        var r = run(
                "asana.create_task",
                Map.of("name", "Ship it", "workspace", "77", "assignee", "me", "notes", "Soon", "dueOn", "2026-12-01"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().at("/output/gid").asString()).isEqualTo("1201");
        STUB.verify(postRequestedFor(urlPathEqualTo(BASE + "/tasks"))
                .withRequestBody(equalToJson("{\"data\":{\"name\":\"Ship it\",\"workspace\":\"77\",\"assignee\":\"me\","
                        + "\"notes\":\"Soon\",\"due_on\":\"2026-12-01\"}}")));

        run("asana.create_task", Map.of("name", "In projects", "projects", List.of("1100", "1101")));
        STUB.verify(postRequestedFor(urlPathEqualTo(BASE + "/tasks"))
                .withRequestBody(
                        equalToJson("{\"data\":{\"name\":\"In projects\",\"projects\":[\"1100\",\"1101\"]}}")));

        json(
                post(urlPathEqualTo(BASE + "/tasks")),
                400,
                "{\"errors\":[{\"message\":\"workspace: Not a recognized ID: 78\"}]}");
        var bad = run("asana.create_task", Map.of("name", "x", "workspace", "78"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("detail").asString())
                .isEqualTo("workspace: Asana says workspace: Not a recognized ID: 78");

        assertThat(fields(run("asana.create_task", Map.of("name", "x"))))
                .containsExactly("input.workspace: is required when no project is given");
    }

    @Test
    void updatesCompletesAndCommentsOnATask() {
        json(put(urlPathEqualTo(BASE + "/tasks/1201")), 200, TASK.replace("\"completed\":false", "\"completed\":true"));
        var updated = run("asana.update_task", Map.of("task", "1201", "name", "Ship it", "dueOn", "2026-12-02"));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        STUB.verify(putRequestedFor(urlPathEqualTo(BASE + "/tasks/1201"))
                .withRequestBody(equalToJson("{\"data\":{\"name\":\"Ship it\",\"due_on\":\"2026-12-02\"}}")));

        var done = run("asana.complete_task", Map.of("task", "1201"));
        assertThat(done.json().at("/output/completed").asBoolean()).isTrue();
        STUB.verify(putRequestedFor(urlPathEqualTo(BASE + "/tasks/1201"))
                .withRequestBody(equalToJson("{\"data\":{\"completed\":true}}")));

        assertThat(fields(run("asana.update_task", Map.of("task", "1201"))))
                .containsExactly("input.name: give at least one field to change");

        json(
                post(urlPathEqualTo(BASE + "/tasks/1201/stories")),
                201,
                "{\"data\":{\"gid\":\"9001\",\"text\":\"Done!\",\"created_at\":\"2026-11-20T11:00:00.000Z\"}}");
        var comment = run("asana.add_comment", Map.of("task", "1201", "text", "Done!"));
        assertThat(comment.json().at("/output/gid").asString()).isEqualTo("9001");
        STUB.verify(postRequestedFor(urlPathEqualTo(BASE + "/tasks/1201/stories"))
                .withRequestBody(equalToJson("{\"data\":{\"text\":\"Done!\"}}")));

        json(
                put(urlPathEqualTo(BASE + "/tasks/404")),
                404,
                "{\"errors\":[{\"message\":\"task: Unknown object: 404\"}]}");
        var missing = run("asana.complete_task", Map.of("task", "404"));
        assertThat(missing.status()).as(missing.toString()).isEqualTo(404);
        assertThat(missing.json().get("detail").asString()).isEqualTo("task: the Asana task was not found");
        assertThat(missing.json().get("field").asString()).isEqualTo("input.task");
    }

    @Test
    void outagesAndRateLimitsAreRetriableAndRetryAfterHoldsLaterCalls() {
        json(get(urlPathEqualTo(BASE + "/tasks")), 500, "{\"errors\":[{\"message\":\"Server Error\"}]}");
        assertThat(run("asana.list_tasks", Map.of("project", "1100")).status()).isEqualTo(502);

        STUB.stubFor(get(urlPathEqualTo(BASE + "/tasks"))
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "30")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"errors\":[{\"message\":\"You have made too many requests recently.\"}]}")));
        var busy = run("asana.list_tasks", Map.of("project", "1100"));
        assertThat(busy.status()).isEqualTo(503);
        assertThat(busy.header("Retry-After")).isEqualTo("30");
        assertThat(run("asana.list_tasks", Map.of("project", "1100")).status())
                .as("held back without asking Asana")
                .isEqualTo(503);
        STUB.verify(2, getRequestedFor(urlPathEqualTo(BASE + "/tasks")));
    }
}
