package dev.atom.ai.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.AppTestBase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The official {@code openai} npm client, unmodified (version pinned in src/test/node/package.json), against
 * Atom's OpenAI face: plain, streamed and tool-call completions through a WireMock provider, and an error.
 * Needs {@code node} and {@code npm} (CI installs them); runs {@code npm ci} first when node_modules is missing.
 * Fails, never skips, when node is not there: the compatibility promise is the point of the face.
 */
class OpenAiClientTest extends AppTestBase {
    private static final Path NODE_DIR = Path.of("src/test/node");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static ProviderStub stub;
    private FaceCaller caller;

    @BeforeAll
    static void prepare() throws Exception {
        stub = new ProviderStub().start();
        if (!Files.isDirectory(NODE_DIR.resolve("node_modules/openai"))) {
            Run npm = run(List.of("npm", "ci", "--no-audit", "--no-fund"), null, 300);
            assertThat(npm.exit())
                    .as("npm ci in src/test/node failed:\n" + npm.output())
                    .isZero();
        }
    }

    @AfterAll
    static void stopStub() {
        stub.stop();
    }

    @BeforeEach
    void caller() {
        caller = FaceCaller.signUp(this::http, "node");
        caller.addKey("openai-compatible", "stub", stub.baseUrl(WIREMOCK_HOST, "compat"));
    }

    @Test
    void plainCompletion() throws Exception {
        JsonNode out = client("plain", "stub/fake-model", caller.token());

        assertThat(out.get("content").asString()).isEqualTo("Hello from the stub.");
        assertThat(out.get("finishReason").asString()).isEqualTo("stop");
        assertThat(out.at("/usage/prompt_tokens").asInt()).isEqualTo(12);
        assertThat(out.at("/usage/completion_tokens").asInt()).isEqualTo(7);
        assertThat(out.get("atomModel").asString()).isEqualTo("stub/fake-model");
        assertThat(out.get("atomProvider").asString()).isEqualTo("openai-compatible");
        assertThat(out.get("atomCost").asString()).isEqualTo("0.000000");
    }

    @Test
    void streamedCompletion() throws Exception {
        JsonNode out = client("stream", "stub/fake-model", caller.token());

        assertThat(out.get("content").asString()).isEqualTo("Hello streamed");
        assertThat(out.at("/usage/prompt_tokens").asInt()).isEqualTo(9);
        assertThat(out.at("/usage/completion_tokens").asInt()).isEqualTo(2);
        assertThat(out.at("/atom/model").asString()).isEqualTo("stub/fake-model");
        assertThat(out.get("atomModel").asString()).isEqualTo("stub/fake-model");
        assertThat(out.get("chunks").asInt()).isEqualTo(5); // four content chunks and the usage chunk
    }

    @Test
    void toolCall() throws Exception {
        JsonNode out = client("tool", "stub/tool-model", caller.token());

        assertThat(out.get("finishReason").asString()).isEqualTo("tool_calls");
        assertThat(out.get("id").asString()).isEqualTo("call_abc123");
        assertThat(out.get("name").asString()).isEqualTo("get_weather");
        assertThat(out.at("/arguments/city").asString()).isEqualTo("Paris");
    }

    @Test
    void errorsAreTheClientsApiErrors() throws Exception {
        JsonNode badToken =
                client("error", "stub/fake-model", "atom_pat_not-a-real-token").get("error");
        assertThat(badToken.get("status").asInt()).isEqualTo(401);
        assertThat(badToken.get("code").asString()).isEqualTo("invalid_api_key");

        JsonNode unknownModel = client("error", "no-such/model", caller.token()).get("error");
        assertThat(unknownModel.get("status").asInt()).isEqualTo(404);
        assertThat(unknownModel.get("code").asString()).isEqualTo("model_not_found");
        assertThat(unknownModel.get("param").asString()).isEqualTo("model");
    }

    private JsonNode client(String mode, String model, String token) throws Exception {
        Run node = run(
                List.of("node", "client.mjs", mode, model),
                new String[] {"ATOM_BASE_URL", "http://localhost:" + port + "/v1", "ATOM_TOKEN", token},
                60);
        assertThat(node.exit())
                .as("node client.mjs " + mode + " failed:\n" + node.output())
                .isZero();
        String last = node.output().strip().lines().reduce((a, b) -> b).orElse("");
        return JSON.readTree(last);
    }

    record Run(int exit, String output) {}

    /** Runs a command in src/test/node; a missing executable fails the test (IOException), it is not skipped. */
    private static Run run(List<String> command, String[] env, int timeoutSeconds) throws Exception {
        Path log = Files.createTempFile("atom-node-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(NODE_DIR.toFile());
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("NO_COLOR", "1");
        for (int i = 0; env != null && i < env.length; i += 2) {
            builder.environment().put(env[i], env[i + 1]);
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError(command.getFirst() + " is required for this test (install nodejs and npm)", e);
        }
        process.getOutputStream().close();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " timed out:\n" + Files.readString(log));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        return new Run(process.exitValue(), output);
    }
}
