package dev.atom.workflows;

import static dev.atom.workflows.WorkflowTestSupport.JSON;
import static dev.atom.workflows.WorkflowTestSupport.errors;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Definitions travel as JSON or YAML files: import, export, and the same checks either way. */
class ImportExportTest extends AppTestBase {
    private static final String ECHO_YAML = """
            name: Echo
            trigger:
              type: webhook
              respond: last_step
            steps:
              - id: shape
                type: transform
                output:
                  msg: "{{ trigger.body.msg }}"
                  n: "{{ trigger.body.n }}"
              - id: big
                type: condition
                if: "{{ steps.shape.output.n > 10 }}"
                then:
                  - { id: say_big, type: respond, status: 200, body: { size: big, msg: "{{ steps.shape.output.msg }}" } }
                else:
                  - { id: say_small, type: respond, status: 200, body: { size: small, msg: "{{ steps.shape.output.msg }}" } }
            """;
    private TestUsers users;
    private TestUsers.User ida;
    private TestHttp user;

    @BeforeEach
    void setUp() {
        users = new TestUsers(this::http);
        ida = users.signUp("ida");
        user = users.as(ida);
    }

    private TestHttp.Response importFile(String body, String type) {
        // header() sets a header for every later request of that client: use a fresh one
        return users.as(ida).header("Content-Type", type).send("POST", "/api/v1/workflows/import", body);
    }

    @Test
    void aYamlFileImportsAsTheSameDefinitionAndExportsBackInEitherFormat() {
        var imported = importFile(ECHO_YAML, "application/yaml");
        assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
        assertThat(imported.json().get("definition")).isEqualTo(JSON.readTree(IssueExamplesTest.ECHO));
        String id = imported.json().get("id").asString();

        var yaml = users.as(ida)
                .header("Accept", "application/yaml")
                .get("/api/v1/workflows/" + id + "/export?format=yaml");
        assertThat(yaml.status()).as(yaml.toString()).isEqualTo(200);
        assertThat(yaml.header("Content-Disposition")).contains("Echo.yaml");
        assertThat(YAMLMapper.builder().build().readTree(yaml.body())).isEqualTo(JSON.readTree(IssueExamplesTest.ECHO));
        var json = users.as(users.signUp("ida2")).get("/api/v1/workflows/" + id + "/export");
        assertThat(json.status()).as("another workspace").isEqualTo(404);
        var own = user.get("/api/v1/workflows/" + id + "/export");
        assertThat(own.json()).isEqualTo(JSON.readTree(IssueExamplesTest.ECHO));

        var again = importFile(own.body(), "application/json");
        assertThat(again.status()).isEqualTo(201);
    }

    @Test
    void brokenFilesAndBadDefinitionsAreExplained() {
        var notYaml = importFile("name: [unclosed", "application/yaml");
        assertThat(notYaml.status()).isEqualTo(400);
        assertThat(errors(notYaml).getFirst()).startsWith("definition: is not valid YAML (line ");
        var bad =
                importFile("name: X\ntrigger: { type: manual }\nsteps:\n  - { id: a, type: transform }\n", "text/yaml");
        assertThat(errors(bad)).containsExactly("steps[0].output: is required");
        assertThat(user.get("/api/v1/workflows/x/export?format=xml").status()).isEqualTo(404);
        var created = user.post("/api/v1/workflows", Map.of("definition", JSON.readTree(IssueExamplesTest.ECHO)));
        var wrongFormat =
                user.get("/api/v1/workflows/" + created.json().get("id").asString() + "/export?format=xml");
        assertThat(errors(wrongFormat)).containsExactly("format: must be json or yaml");
    }
}
