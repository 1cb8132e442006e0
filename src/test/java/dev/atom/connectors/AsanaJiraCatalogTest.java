package dev.atom.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.StubbedServiceTestBase;
import dev.atom.testing.TestUsers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Asana and Jira in the catalog, as {@link FirstWaveCatalogTest} checks the first wave (kept apart so the
 * branches that add services merge without touching one file): whether each action writes and how a retry is
 * made safe, their ways to connect, and their polled triggers with described settings and events.
 */
class AsanaJiraCatalogTest extends StubbedServiceTestBase {
    static final Map<String, String> RETRY_FACTS = Map.ofEntries(
            Map.entry("asana.list_tasks", "reads natural"),
            Map.entry("asana.create_task", "writes none"),
            Map.entry("asana.update_task", "writes natural"),
            Map.entry("asana.complete_task", "writes natural"),
            Map.entry("asana.add_comment", "writes none"),
            Map.entry("jira.search", "reads natural"),
            Map.entry("jira.get_issue", "reads natural"),
            Map.entry("jira.create_issue", "writes none"),
            Map.entry("jira.transition_issue", "writes natural"),
            Map.entry("jira.complete_issue", "writes natural"),
            Map.entry("jira.set_due_date", "writes natural"),
            Map.entry("jira.add_comment", "writes none"));

    @Test
    void everyActionSaysWhetherItWritesAndHowARetryIsSafe() {
        var users = new TestUsers(this::http);
        var catalog = users.as(users.signUp("rita")).get("/api/v1/connectors").json();
        Map<String, String> facts = new java.util.TreeMap<>();
        for (JsonNode c : catalog) {
            if (java.util.Set.of("asana", "jira").contains(c.get("id").asString())) {
                for (JsonNode a : c.get("actions")) {
                    facts.put(
                            a.get("id").asString(),
                            (a.get("writes").asBoolean() ? "writes " : "reads ")
                                    + a.get("idempotency").asString());
                }
            }
        }
        assertThat(facts).isEqualTo(new java.util.TreeMap<>(RETRY_FACTS));
    }

    /** Asana and Jira: their actions, ways to connect, and a polling trigger whose settings and events are described. */
    static final Map<String, List<String>> POLLED = Map.of(
            "asana",
            List.of(
                    "asana.list_tasks",
                    "asana.create_task",
                    "asana.update_task",
                    "asana.complete_task",
                    "asana.add_comment"),
            "jira",
            List.of(
                    "jira.search",
                    "jira.get_issue",
                    "jira.create_issue",
                    "jira.transition_issue",
                    "jira.add_comment",
                    "jira.complete_issue",
                    "jira.set_due_date"));

    static final Map<String, List<String>> AUTHS =
            Map.of("asana", List.of("api_key", "oauth2"), "jira", List.of("basic", "api_key", "oauth2"));

    @Test
    void asanaAndJiraListTheirActionsWaysToConnectAndPolledTriggers() {
        var users = new TestUsers(this::http);
        var catalog = users.as(users.signUp("ida")).get("/api/v1/connectors").json();
        List<String> undescribed = new ArrayList<>();
        POLLED.forEach((connector, actions) -> {
            JsonNode c = Catalogs.connector(catalog, connector);
            assertThat(c).as(connector).isNotNull();
            List<String> kinds = new ArrayList<>();
            c.get("auths").forEach(a -> kinds.add(a.get("kind").asString()));
            assertThat(kinds).as(connector).isEqualTo(AUTHS.get(connector));
            assertThat(c.at("/auth/kind").asString()).isEqualTo(kinds.getFirst());
            List<String> ids = new ArrayList<>();
            for (JsonNode a : c.get("actions")) {
                ids.add(a.get("id").asString());
                Catalogs.undescribed(a.get("id").asString(), a.at("/inputSchema/properties"), undescribed);
            }
            assertThat(ids).containsExactlyInAnyOrderElementsOf(actions);
            assertThat(c.get("triggers")).hasSize(1);
            JsonNode t = c.at("/triggers/0");
            assertThat(t.get("kind").asString()).isEqualTo("polling");
            assertThat(t.at("/settingsSchema/type").asString()).isEqualTo("object");
            for (String schema : List.of("eventSchema", "settingsSchema")) {
                Catalogs.undescribed(connector + " " + schema, t.path(schema).path("properties"), undescribed);
            }
        });
        List<String> tokens = new ArrayList<>();
        for (JsonNode c : catalog) {
            if (POLLED.containsKey(c.get("id").asString())) {
                c.get("auths")
                        .forEach(a -> a.path("fields").forEach(f -> {
                            if (f.get("name").asString().contains("token")) {
                                tokens.add(c.get("id").asString() + "."
                                        + f.get("name").asString() + " secret "
                                        + f.get("secret").asBoolean());
                            }
                        }));
            }
        }
        assertThat(tokens)
                .containsExactlyInAnyOrder(
                        "asana.token secret true", "jira.api_token secret true", "jira.token secret true");
        assertThat(undescribed).isEmpty();
    }
}
