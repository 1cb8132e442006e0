package dev.atom.connectors.google;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.StubbedServiceTestBase;
import dev.atom.testing.TestUsers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The three Google connectors as the catalog shows them: OAuth 2.0 against Google with PKCE and offline access,
 * the narrow scopes, and every action's and trigger's schema described field by field (the descriptions are
 * what the assistant's tool definitions and the UI's forms show).
 */
class GoogleCatalogTest extends StubbedServiceTestBase {

    @Test
    void googleConnectorsDeclareOAuthScopesActionsAndDescribedSchemas() {
        var users = new TestUsers(this::http);
        var catalog = users.as(users.signUp("cato")).get("/api/v1/connectors").json();
        Map<String, List<String>> expected = Map.of(
                "gmail",
                List.of("gmail.search", "gmail.read", "gmail.send", "gmail.add_labels", "gmail.remove_labels"),
                "google-calendar",
                List.of(
                        "google-calendar.list_events",
                        "google-calendar.create_event",
                        "google-calendar.update_event",
                        "google-calendar.delete_event",
                        "google-calendar.free_busy"),
                "google-drive",
                List.of("google-drive.search", "google-drive.download", "google-drive.upload", "google-drive.share"));
        expected.forEach((id, actions) -> {
            JsonNode c = find(catalog, id);
            assertThat(c).as(id).isNotNull();
            assertThat(c.get("auth").get("kind").asString()).isEqualTo("oauth2");
            assertThat(c.get("auth").get("pkce").asBoolean()).isTrue();
            assertThat(c.get("auth").get("scopes"))
                    .isNotEmpty()
                    .allSatisfy(s -> assertThat(s.asString()).startsWith("https://www.googleapis.com/auth/"));
            List<String> ids = new ArrayList<>();
            c.get("actions").forEach(a -> {
                ids.add(a.get("id").asString());
                assertDescribed(a.get("id").asString() + " input", a.get("inputSchema"));
                assertDescribed(a.get("id").asString() + " output", a.get("outputSchema"));
            });
            assertThat(ids).containsExactlyInAnyOrderElementsOf(actions);
        });
        assertThat(find(catalog, "gmail").get("triggers").get(0).get("id").asString())
                .isEqualTo("gmail.new_mail");
        assertThat(find(catalog, "google-calendar")
                        .get("triggers")
                        .get(0)
                        .get("id")
                        .asString())
                .isEqualTo("google-calendar.event_changed");
        assertThat(GoogleApi.oauth().authorizeUrl())
                .startsWith("https://accounts.google.com/o/oauth2/v2/auth?")
                .contains("access_type=offline");
        assertThat(GoogleApi.oauth().tokenUrl()).isEqualTo("https://oauth2.googleapis.com/token");
    }

    private static JsonNode find(JsonNode catalog, String id) {
        for (JsonNode c : catalog) {
            if (c.get("id").asString().equals(id)) {
                return c;
            }
        }
        return null;
    }

    /** Every property of every object in the schema has a description. */
    private static void assertDescribed(String where, JsonNode schema) {
        if (schema.has("properties")) {
            schema.get("properties").properties().forEach(p -> {
                assertThat(p.getValue().has("description"))
                        .as(where + "." + p.getKey() + " has a description")
                        .isTrue();
                assertDescribed(where + "." + p.getKey(), p.getValue());
            });
        }
        if (schema.has("items")) {
            assertDescribed(where + "[]", schema.get("items"));
        }
    }
}
