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
            List.of(
                    "trello.list_boards",
                    "trello.list_lists",
                    "trello.create_card",
                    "trello.move_card",
                    "trello.update_card_due"));

    /**
     * Whether each action of the services built on {@code BaseAction} (Slack, GitHub, Trello, and the lambda-built
     * ones of BaseAction.read/write) writes and how a retry is made safe, as the workflow engine reads them.
     */
    static final Map<String, String> RETRY_FACTS = Map.ofEntries(
            Map.entry("slack.post_message", "writes none"),
            Map.entry("slack.reply_in_thread", "writes none"),
            Map.entry("slack.list_channels", "reads natural"),
            Map.entry("slack.read_history", "reads natural"),
            Map.entry("slack.lookup_user", "reads natural"),
            Map.entry("github.list_issues", "reads natural"),
            Map.entry("github.create_issue", "writes none"),
            Map.entry("github.comment_issue", "writes none"),
            Map.entry("github.add_labels", "writes natural"),
            Map.entry("github.close_issue", "writes natural"),
            Map.entry("github.list_repos", "reads natural"),
            Map.entry("trello.list_boards", "reads natural"),
            Map.entry("trello.list_lists", "reads natural"),
            Map.entry("trello.create_card", "writes none"),
            Map.entry("trello.move_card", "writes natural"),
            Map.entry("trello.update_card_due", "writes natural"),
            Map.entry("gmail.search", "reads natural"),
            Map.entry("gmail.read", "reads natural"),
            Map.entry("gmail.send", "writes none"),
            Map.entry("gmail.add_labels", "writes natural"),
            Map.entry("gmail.remove_labels", "writes natural"),
            Map.entry("google-calendar.list_events", "reads natural"),
            Map.entry("google-calendar.create_event", "writes key"),
            Map.entry("google-calendar.update_event", "writes natural"),
            Map.entry("google-calendar.delete_event", "writes natural"),
            Map.entry("google-calendar.free_busy", "reads natural"),
            Map.entry("google-drive.search", "reads natural"),
            Map.entry("google-drive.download", "reads natural"),
            Map.entry("google-drive.upload", "writes none"),
            Map.entry("google-drive.share", "writes natural"),
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
            Map.entry("outlook.free_busy", "reads natural"),
            Map.entry("notion.query_database", "reads natural"),
            Map.entry("notion.create_page", "writes none"),
            Map.entry("notion.update_page", "writes natural"),
            Map.entry("notion.append_text", "writes none"),
            Map.entry("notion.search", "reads natural"),
            Map.entry("dropbox.list_folder", "reads natural"),
            Map.entry("dropbox.download", "reads natural"),
            Map.entry("dropbox.upload", "writes natural"),
            Map.entry("dropbox.create_shared_link", "writes natural"),
            Map.entry("dropbox.search", "reads natural"));

    /** Notion and Dropbox: their auth, and each with one polling trigger whose settings are described. */
    static final Map<String, List<String>> POLLING = Map.of(
            "notion",
            List.of(
                    "api_key",
                    "notion.page_changed",
                    "notion.query_database",
                    "notion.create_page",
                    "notion.update_page",
                    "notion.append_text",
                    "notion.search"),
            "dropbox",
            List.of(
                    "oauth2",
                    "dropbox.file_changed",
                    "dropbox.list_folder",
                    "dropbox.download",
                    "dropbox.upload",
                    "dropbox.create_shared_link",
                    "dropbox.search"));

    @Test
    void everyActionSaysWhetherItWritesAndHowARetryIsSafe() {
        var users = new TestUsers(this::http);
        var catalog = users.as(users.signUp("rhea")).get("/api/v1/connectors").json();
        Map<String, String> facts = new java.util.TreeMap<>();
        for (JsonNode c : catalog) {
            String id = c.get("id").asString();
            if (java.util.Set.of(
                            "slack",
                            "github",
                            "trello",
                            "gmail",
                            "google-calendar",
                            "google-drive",
                            "outlook",
                            "notion",
                            "dropbox")
                    .contains(id)) {
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

    /** The same for the standards (IMAP/SMTP and CalDAV), which are built on BaseAction too. */
    static final Map<String, String> STANDARD_RETRY_FACTS = Map.ofEntries(
            Map.entry("email.search", "reads natural"),
            Map.entry("email.read", "reads natural"),
            Map.entry("email.send", "writes none"),
            Map.entry("email.mark", "writes natural"),
            Map.entry("email.archive", "writes natural"),
            Map.entry("caldav.list_calendars", "reads natural"),
            Map.entry("caldav.list_events", "reads natural"),
            Map.entry("caldav.create_event", "writes key"),
            Map.entry("caldav.update_event", "writes natural"),
            Map.entry("caldav.delete_event", "writes natural"),
            Map.entry("caldav.free_busy", "reads natural"),
            Map.entry("caldav.attendee_free_busy", "reads natural"));

    /** The standards (IMAP/SMTP and CalDAV): basic auth with these credential fields, secret ones masked. */
    static final Map<String, List<String>> STANDARD_FIELDS = Map.of(
            "email",
            List.of(
                    "imap_host",
                    "imap_port",
                    "imap_security",
                    "smtp_host",
                    "smtp_port",
                    "smtp_security",
                    "username",
                    "password*",
                    "from_address"),
            "caldav",
            List.of("server_url", "username", "password*"));

    @Test
    void theStandardsSayWhetherTheyWriteAndHowARetryIsSafe() {
        var users = new TestUsers(this::http);
        var catalog = users.as(users.signUp("sten")).get("/api/v1/connectors").json();
        Map<String, String> facts = new java.util.TreeMap<>();
        for (JsonNode c : catalog) {
            if (STANDARD_FIELDS.containsKey(c.get("id").asString())) {
                for (JsonNode a : c.get("actions")) {
                    facts.put(
                            a.get("id").asString(),
                            (a.get("writes").asBoolean() ? "writes " : "reads ")
                                    + a.get("idempotency").asString());
                }
            }
        }
        assertThat(facts).isEqualTo(new java.util.TreeMap<>(STANDARD_RETRY_FACTS));
    }

    @Test
    void theStandardsUseBasicAuthWithDescribedFieldsAndEmailPollsForNewMail() {
        var users = new TestUsers(this::http);
        var catalog = users.as(users.signUp("ida")).get("/api/v1/connectors").json();
        List<String> undescribed = new ArrayList<>();
        STANDARD_FIELDS.forEach((connector, fields) -> {
            JsonNode c = Catalogs.connector(catalog, connector);
            assertThat(c).as(connector).isNotNull();
            assertThat(c.at("/auth/kind").asString()).isEqualTo("basic");
            List<String> names = new ArrayList<>();
            for (JsonNode f : c.at("/auth/fields")) {
                names.add(f.get("name").asString() + (f.get("secret").asBoolean() ? "*" : ""));
            }
            assertThat(names).as(connector).containsExactlyElementsOf(fields);
            for (JsonNode a : c.get("actions")) {
                Catalogs.undescribed(a.get("id").asString(), a.at("/inputSchema/properties"), undescribed);
            }
        });
        JsonNode email = Catalogs.connector(catalog, "email");
        assertThat(email.get("triggers")).hasSize(1);
        assertThat(email.at("/triggers/0/id").asString()).isEqualTo("email.new_mail");
        assertThat(email.at("/triggers/0/kind").asString()).isEqualTo("polling");
        email.at("/triggers/0/eventSchema/properties").properties().forEach(p -> {
            if (p.getValue().path("description").asString("").isBlank()) {
                undescribed.add("email event." + p.getKey());
            }
        });
        assertThat(undescribed).isEmpty();
    }

    @Test
    void everyActionAndTriggerIsListedWithDescribedFields() {
        var users = new TestUsers(this::http);
        var catalog = users.as(users.signUp("cato")).get("/api/v1/connectors").json();
        List<String> undescribed = new ArrayList<>();
        ACTIONS.forEach((connector, actions) -> {
            JsonNode c = Catalogs.connector(catalog, connector);
            assertThat(c).as(connector).isNotNull();
            assertThat(c.at("/auth/kind").asString()).isEqualTo("api_key");
            List<String> ids = new ArrayList<>();
            for (JsonNode a : c.get("actions")) {
                ids.add(a.get("id").asString());
                Catalogs.undescribed(a.get("id").asString(), a.at("/inputSchema/properties"), undescribed);
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

    /**
     * Outlook: OAuth 2.0 against the Microsoft identity platform with PKCE and the narrow Graph scopes, its two
     * polling triggers, and every action, output and event field described.
     */
    @Test
    void outlookDeclaresMicrosoftOAuthItsActionsAndDescribedSchemas() {
        var users = new TestUsers(this::http);
        var catalog = users.as(users.signUp("otto")).get("/api/v1/connectors").json();
        JsonNode c = Catalogs.connector(catalog, "outlook");
        assertThat(c).isNotNull();
        assertThat(c.at("/auth/kind").asString()).isEqualTo("oauth2");
        assertThat(c.at("/auth/pkce").asBoolean()).isTrue();
        List<String> scopes = new ArrayList<>();
        c.at("/auth/scopes").forEach(s -> scopes.add(s.asString()));
        assertThat(scopes)
                .containsExactlyInAnyOrder(
                        "offline_access", "User.Read", "Mail.ReadWrite", "Mail.Send", "Calendars.ReadWrite");
        List<String> undescribed = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (JsonNode a : c.get("actions")) {
            ids.add(a.get("id").asString());
            undescribedIn(a.get("id").asString() + " input", a.get("inputSchema"), undescribed);
            undescribedIn(a.get("id").asString() + " output", a.get("outputSchema"), undescribed);
        }
        assertThat(ids)
                .containsExactlyInAnyOrderElementsOf(RETRY_FACTS.keySet().stream()
                        .filter(k -> k.startsWith("outlook."))
                        .toList());
        List<String> triggers = new ArrayList<>();
        for (JsonNode t : c.get("triggers")) {
            triggers.add(t.get("id").asString() + " " + t.get("kind").asString());
            undescribedIn(t.get("id").asString(), t.get("eventSchema"), undescribed);
        }
        assertThat(triggers).containsExactlyInAnyOrder("outlook.new_mail polling", "outlook.event_changed polling");
        assertThat(undescribed).isEmpty();
    }

    /** Adds every property of every object in {@code schema} that has no description. */
    private static void undescribedIn(String where, JsonNode schema, List<String> out) {
        if (schema == null || !schema.isContainer()) {
            return;
        }
        Catalogs.undescribed(where, schema.path("properties"), out);
        schema.forEach(child -> undescribedIn(where, child, out));
    }

    @Test
    void notionAndDropboxListTheirActionsAndADescribedPollingTrigger() {
        var users = new TestUsers(this::http);
        var catalog = users.as(users.signUp("nils")).get("/api/v1/connectors").json();
        List<String> undescribed = new ArrayList<>();
        POLLING.forEach((connector, facts) -> {
            JsonNode c = Catalogs.connector(catalog, connector);
            assertThat(c).as(connector).isNotNull();
            assertThat(c.at("/auth/kind").asString()).isEqualTo(facts.get(0));
            List<String> kinds = new ArrayList<>();
            c.get("auths").forEach(a -> kinds.add(a.get("kind").asString()));
            assertThat(kinds)
                    .as(connector + " ways to connect")
                    .containsExactlyElementsOf(
                            connector.equals("notion") ? List.of("api_key", "oauth2") : List.of("oauth2"));
            List<String> ids = new ArrayList<>();
            for (JsonNode a : c.get("actions")) {
                ids.add(a.get("id").asString());
                Catalogs.undescribed(a.get("id").asString(), a.at("/inputSchema/properties"), undescribed);
            }
            assertThat(ids).containsExactlyInAnyOrderElementsOf(facts.subList(2, facts.size()));
            assertThat(c.get("triggers")).hasSize(1);
            JsonNode t = c.at("/triggers/0");
            assertThat(t.get("id").asString()).isEqualTo(facts.get(1));
            assertThat(t.get("kind").asString()).isEqualTo("polling");
            for (String schema : List.of("eventSchema", "settingsSchema")) {
                assertThat(t.path(schema).path("properties").isObject())
                        .as(connector + " " + schema)
                        .isTrue();
                Catalogs.undescribed(connector + " " + schema, t.path(schema).path("properties"), undescribed);
            }
        });
        assertThat(undescribed).isEmpty();
        JsonNode dropbox = Catalogs.connector(catalog, "dropbox");
        assertThat(dropbox.at("/auth/pkce").asBoolean()).isTrue();
        assertThat(dropbox.at("/auth/scopes").toString()).contains("files.content.write", "sharing.write");
    }
}
