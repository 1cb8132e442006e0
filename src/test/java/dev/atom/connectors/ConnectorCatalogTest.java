package dev.atom.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.StubbedServiceTestBase;
import dev.atom.testing.TestUsers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Every registered connector, whoever wrote it, found by walking the registry (no list of names to keep up):
 * ids unique, each action with a name, a description and well-formed object schemas for its input and output
 * whose every field is described (the LLM tool definitions, forms and docs are made from them), each trigger's
 * event schema the same, and every connector that connects with OAuth documents how to register its app.
 * Test-only connectors (packages {@code dev.atom.connectors.test*}) are left out.
 */
class ConnectorCatalogTest extends StubbedServiceTestBase {
    private static final Set<String> TYPES =
            Set.of("object", "array", "string", "integer", "number", "boolean", "null");

    /**
     * Schema fields without a description in connectors from before this test; phase 2 of issue 12 describes
     * them and empties this list. A new connector never goes here.
     */
    private static final Set<String> UNDESCRIBED_BEFORE = Set.of();

    @Autowired
    Connectors connectors;

    private List<Connector> real() {
        List<Connector> out = connectors.all().stream()
                .filter(c -> !c.getClass().getPackageName().startsWith("dev.atom.connectors.test"))
                .toList();
        assertThat(out).as("the registry lists the connectors").hasSizeGreaterThan(10);
        return out;
    }

    @Test
    void idsAreUniqueAndEveryConnectorHasANameACategoryAndAWayToConnect() {
        Set<String> connectorIds = new HashSet<>();
        Set<String> actionIds = new HashSet<>();
        Set<String> triggerIds = new HashSet<>();
        for (Connector c : connectors.all()) {
            assertThat(connectorIds.add(c.id()))
                    .as("connector id %s is unique", c.id())
                    .isTrue();
            assertThat(c.name()).as(c.id()).isNotBlank();
            assertThat(c.categories()).as(c.id() + " categories").isNotEmpty();
            assertThat(c.auths()).as(c.id() + " ways to connect").isNotEmpty().startsWith(c.auth());
            for (Action<?, ?> a : c.actions()) {
                assertThat(actionIds.add(a.id()))
                        .as("action id %s is unique", a.id())
                        .isTrue();
                for (String alias : a.aliases()) {
                    assertThat(actionIds.add(alias))
                            .as("alias %s is unique", alias)
                            .isTrue();
                    assertThat(alias).startsWith(c.id() + ".");
                }
            }
            c.triggers()
                    .forEach(t -> assertThat(triggerIds.add(t.id()))
                            .as("trigger id %s is unique", t.id())
                            .isTrue());
        }
    }

    @Test
    void everyActionHasADescriptionAndWellFormedDescribedSchemas() {
        List<String> problems = new ArrayList<>();
        Set<String> undescribed = new TreeSet<>();
        for (Connector c : real()) {
            for (Action<?, ?> a : c.actions()) {
                var info = connectors.action(a.id()).orElseThrow();
                if (a.name().isBlank() || a.description().isBlank()) {
                    problems.add(a.id() + ": a name and a description");
                }
                check(a.id() + " input", info.inputSchema(), problems, undescribed);
                check(a.id() + " output", info.outputSchema(), problems, undescribed);
            }
            for (Trigger t : c.triggers()) {
                if (t.name().isBlank() || t.description().isBlank()) {
                    problems.add(t.id() + ": a name and a description");
                }
                check(t.id() + " event", JsonSchemas.of(t.eventType()), problems, undescribed);
                if (t instanceof PollingTrigger p && p.settingsType() != null) {
                    // the settings a workflow picks (which database, which folder) become a form
                    check(t.id() + " settings", JsonSchemas.of(p.settingsType()), problems, undescribed);
                }
            }
        }
        undescribed.removeAll(UNDESCRIBED_BEFORE);
        assertThat(problems).as("malformed schemas").isEmpty();
        assertThat(undescribed).as("schema fields without a description").isEmpty();
    }

    /** An object schema at the top; every property described, typed, and {@code required} naming only them. */
    private static void check(String where, JsonNode schema, List<String> problems, Set<String> undescribed) {
        if (!"object".equals(schema.path("type").asString(""))) {
            problems.add(where + ": must be an object schema");
        }
        walk(where, schema, problems, undescribed);
    }

    private static void walk(String where, JsonNode schema, List<String> problems, Set<String> undescribed) {
        if (schema == null || !schema.isObject()) {
            return;
        }
        JsonNode type = schema.get("type");
        if (type != null) {
            List<String> types = new ArrayList<>();
            if (type.isArray()) {
                type.forEach(t -> types.add(t.asString()));
            } else {
                types.add(type.asString());
            }
            types.stream().filter(t -> !TYPES.contains(t)).forEach(t -> problems.add(where + ": unknown type " + t));
            if (types.contains("array") && !schema.has("items")) {
                problems.add(where + ": an array without items");
            }
        }
        JsonNode properties = schema.path("properties");
        schema.path("required").forEach(r -> {
            if (!properties.has(r.asString())) {
                problems.add(where + ": requires undeclared " + r.asString());
            }
        });
        properties.properties().forEach(p -> {
            if (p.getValue().path("description").asString("").isBlank()) {
                undescribed.add(where + "." + p.getKey());
            }
            walk(where + "." + p.getKey(), p.getValue(), problems, undescribed);
        });
        walk(where + "[]", schema.get("items"), problems, undescribed);
        for (String key : List.of("anyOf", "oneOf", "allOf")) {
            schema.path(key).forEach(s -> walk(where, s, problems, undescribed));
        }
        schema.path("$defs")
                .properties()
                .forEach(d -> walk(where + " $defs." + d.getKey(), d.getValue(), problems, undescribed));
    }

    @Test
    void everyOAuthConnectorDocumentsItsAppRegistration() throws IOException {
        Path root = projectRoot();
        List<String> missing = new ArrayList<>();
        for (Connector c : real()) {
            if (c.oauth2().isEmpty()) {
                continue;
            }
            String doc = c.appRegistrationDoc();
            int hash = doc.indexOf('#');
            Path file = root.resolve(hash < 0 ? doc : doc.substring(0, hash));
            if (hash < 0 || !Files.isRegularFile(file)) {
                missing.add(c.id() + ": " + doc + " (a file and #anchor)");
                continue;
            }
            String anchor = doc.substring(hash + 1);
            String text = Files.readString(file);
            if (!Pattern.compile("id=\"" + Pattern.quote(anchor) + "\"")
                    .matcher(text)
                    .find()) {
                missing.add(c.id() + ": no <a id=\"" + anchor + "\"></a> in " + file.getFileName());
            }
        }
        assertThat(missing)
                .as("OAuth connectors without app registration steps")
                .isEmpty();
    }

    @Test
    void theCatalogRouteListsEveryConnectorWithItsActions() {
        var users = new TestUsers(this::http);
        JsonNode catalog =
                users.as(users.signUp("cora")).get("/api/v1/connectors").json();
        Set<String> listed = new TreeSet<>();
        catalog.forEach(
                c -> c.path("actions").forEach(a -> listed.add(a.get("id").asString())));
        Set<String> registered = new TreeSet<>();
        connectors.all().forEach(c -> c.actions().forEach(a -> registered.add(a.id())));
        assertThat(listed).isEqualTo(registered);
    }

    private static Path projectRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("pom.xml"))) {
            p = p.getParent();
        }
        assertThat(p).as("the project root (pom.xml)").isNotNull();
        return p;
    }
}
