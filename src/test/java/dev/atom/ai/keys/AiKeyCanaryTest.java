package dev.atom.ai.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The key canary: recognizable fake keys stored through the API and through the AI page appear nowhere: not in
 * the database file or its write-ahead log, not in the logs, not in any answer (keys, models, providers, key
 * tests, audit log, the AI page and its fragments), even when the provider echoes the key in its error.
 */
@ExtendWith(OutputCaptureExtension.class)
class AiKeyCanaryTest extends AppTestBase {

    @Test
    void storedKeysAppearNowhere(CapturedOutput output) throws Exception {
        String hex = UUID.randomUUID().toString().replace("-", "");
        String apiCanary = "sk-atomcanary-api-" + hex;
        String pageCanary = "sk-ant-atomcanary-page-" + hex;
        String rejectedCanary = "sk-atomcanary-rejected-" + hex;
        List<String> canaries = List.of(apiCanary, pageCanary, rejectedCanary);

        PageClient page = PageClient.signUp(port, "cara");
        TestUsers users = new TestUsers(this::http);
        TestHttp api =
                http().bearer(users.logIn(page.email()).get("accessToken").asString());
        List<String> answers = new ArrayList<>();

        try (OpenAiStub openai = new OpenAiStub()) {
            String echo = "Incorrect API key provided: " + apiCanary + ".";
            openai.modelsFail(401, "invalid_api_key", "invalid_request_error", echo)
                    .chatFails(401, "invalid_api_key", "invalid_request_error", echo);
            var created = api.post(
                    "/api/v1/ai/keys",
                    Map.of("provider", "openai", "apiKey", apiCanary, "baseUrl", openai.baseUrl(), "name", "canary"));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String keyId = created.json().get("id").asString();
            answers.add(created.body());

            var tested = api.post("/api/v1/ai/keys/" + keyId + "/test", Map.of());
            assertThat(tested.json().get("error").get("code").asString()).isEqualTo("invalid_api_key");
            answers.add(tested.body());
            var pageTest = page.htmx("POST", "/ai/keys/" + keyId + "/test", Map.of());
            assertThat(pageTest.body()).contains("invalid_api_key");
            answers.add(pageTest.body());

            var rejected = page.htmx(
                    "POST",
                    "/ai/keys",
                    Map.of("provider", "openai", "apiKey", rejectedCanary, "baseUrl", "ftp://nope.example.com"));
            assertThat(rejected.body()).contains("Base URL must start with http");
            answers.add(rejected.body());
            var added = page.htmx("POST", "/ai/keys", Map.of("provider", "anthropic", "apiKey", pageCanary));
            assertThat(added.headers().firstValue("HX-Trigger")).contains("ai-keys-changed");
            answers.add(added.body());

            for (String path : List.of(
                    "/api/v1/ai/keys",
                    "/api/v1/ai/models",
                    "/api/v1/ai/providers",
                    "/api/v1/ai/prices/overrides",
                    "/api/v1/audit")) {
                var answer = api.get(path);
                assertThat(answer.status()).as(path).isEqualTo(200);
                answers.add(answer.raw().headers().map() + "\n" + answer.body());
            }
            var aiPage = page.get("/ai");
            assertThat(aiPage.body()).contains("sk-...", "sk-...").contains(keyId);
            answers.add(aiPage.body());
            answers.add(page.get("/ai/keys/list").body());
            assertThat(api.get("/api/v1/ai/keys").json().get("items")).hasSize(2);

            List<String> forms = new ArrayList<>();
            for (String canary : canaries) {
                forms.add(canary);
                forms.add(Base64.getEncoder().encodeToString(canary.getBytes(StandardCharsets.UTF_8)));
            }
            forms.add(hex);
            for (String answer : answers) {
                forms.forEach(form -> assertThat(answer).doesNotContain(form));
            }

            String database = new String(bytesOf("atom.db", "atom.db-wal", "atom.db-shm"), StandardCharsets.ISO_8859_1);
            assertThat(database).as("the key's row is in the files read").contains(keyId, "ai_key:" + keyId);
            forms.forEach(form -> assertThat(database).doesNotContain(form));
            String utf16 = new String(bytesOf("atom.db", "atom.db-wal"), StandardCharsets.UTF_16LE);
            canaries.forEach(canary -> assertThat(utf16).doesNotContain(canary));

            assertThat(output.getAll()).as("the logs are captured").contains("ai_key:" + keyId);
            forms.forEach(form -> assertThat(output.getAll()).doesNotContain(form));
        }
    }

    @Test
    void theAiPageShowsOnlyMaskedKeys() throws Exception {
        PageClient page = PageClient.signUp(port, "dora");
        String secret = "sk-" + UUID.randomUUID().toString().replace("-", "") + "WXYZ";
        page.htmx("POST", "/ai/keys", Map.of("provider", "openai", "apiKey", secret, "name", "Mine"));
        String html = page.get("/ai").body();
        Matcher masked =
                Pattern.compile("<code class=\"masked\">([^<]*)</code>").matcher(html);
        assertThat(masked.find()).as(html).isTrue();
        assertThat(masked.group(1)).isEqualTo("sk-...WXYZ");
        assertThat(html).doesNotContain(secret).contains("id=\"usage\"", "hx-get=\"/ai/usage\"", "id=\"nav-ai\"");
    }

    private static byte[] bytesOf(String... names) throws IOException {
        var all = new ByteArrayOutputStream();
        for (String name : names) {
            Path file = DATA_DIR.resolve(name);
            if (Files.exists(file)) {
                all.writeBytes(Files.readAllBytes(file));
            }
        }
        return all.toByteArray();
    }
}
