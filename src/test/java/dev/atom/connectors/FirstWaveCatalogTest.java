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
 * Slack, GitHub and Trello in the catalog: their actions and triggers, each input and event field described
 * (the LLM tool definitions and the forms are made from these schemas), and their credential forms.
 */
class FirstWaveCatalogTest extends StubbedServiceTestBase {
    static final Map<String, List<String>> ACTIONS = Map.of(
            "slack",
            List.of(
                    "slack.post_message",
                    "slack.reply_in_thread",
                    "slack.list_channels",
                    "slack.read_history",
                    "slack.lookup_user"),
            "github",
            List.of(
                    "github.list_issues",
                    "github.create_issue",
                    "github.comment_issue",
                    "github.add_labels",
                    "github.close_issue",
                    "github.list_repos"),
            "trello",
            List.of("trello.list_boards", "trello.list_lists", "trello.create_card", "trello.move_card"));

    @Test
    void everyActionAndTriggerIsListedWithDescribedFields() {
        var users = new TestUsers(this::http);
        var catalog = users.as(users.signUp("cato")).get("/api/v1/connectors").json();
        List<String> undescribed = new ArrayList<>();
        ACTIONS.forEach((connector, actions) -> {
            JsonNode c = null;
            for (JsonNode n : catalog) {
                if (n.get("id").asString().equals(connector)) {
                    c = n;
                }
            }
            assertThat(c).as(connector).isNotNull();
            assertThat(c.at("/auth/kind").asString()).isEqualTo("api_key");
            List<String> ids = new ArrayList<>();
            for (JsonNode a : c.get("actions")) {
                ids.add(a.get("id").asString());
                a.at("/inputSchema/properties").properties().forEach(p -> {
                    if (p.getValue().path("description").asString("").isBlank()) {
                        undescribed.add(a.get("id").asString() + "." + p.getKey());
                    }
                });
            }
            assertThat(ids).containsExactlyInAnyOrderElementsOf(actions);
            assertThat(c.get("triggers")).hasSize(1);
            assertThat(c.at("/triggers/0/kind").asString()).isEqualTo("webhook");
            c.at("/triggers/0/eventSchema/properties").properties().forEach(p -> {
                if (p.getValue().path("description").asString("").isBlank()) {
                    undescribed.add(connector + " event." + p.getKey());
                }
            });
        });
        assertThat(undescribed).isEmpty();
    }
}
