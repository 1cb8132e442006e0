package dev.atom.testing;

import static org.assertj.core.api.Assertions.fail;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The other half of {@link OpenApiContract}: checks that what a test's stub answered (2xx bodies) is what the
 * official description says the service answers, so a feed test cannot pass on a field the real API never
 * sends. Object schemas are closed first (a field the description does not declare is a violation), as {@link
 * OpenApiContract#strict} does for Google's loose discovery-based descriptions; {@code allOf} parts are merged
 * (Graph). Error answers are not checked (descriptions rarely declare them; Slack's come as 200 with {@code
 * "ok":false}). Validators are cached per file.
 */
public final class StubResponseContract {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, StubResponseContract> CACHE = new ConcurrentHashMap<>();
    private final String name;
    private final OpenApiInteractionValidator validator;

    private StubResponseContract(String name, OpenApiInteractionValidator validator) {
        this.name = name;
        this.validator = validator;
    }

    /** The description {@code ../shared/api-specs/<file>} with every object schema closed. */
    public static StubResponseContract of(String file) {
        return of(file, "", spec -> {});
    }

    /**
     * As {@link #of(String)}, adjusted first by {@code adjust} (a format the service documents elsewhere);
     * {@code variant} names the adjustment in the cache.
     */
    public static StubResponseContract of(String file, String variant, Consumer<ObjectNode> adjust) {
        return CACHE.computeIfAbsent(file + "#" + variant, key -> {
            String f = file;
            try {
                ObjectNode spec = (ObjectNode)
                        JSON.readTree(OpenApiContract.specsDir().resolve(f).toFile());
                adjust.accept(spec);
                close(spec.path("components").path("schemas"));
                close(spec.path("definitions")); // Swagger 2.0 (Slack)
                untuple(spec);
                Path dir = Path.of("target/api-specs");
                Files.createDirectories(dir);
                Path out = Files.createTempFile(dir, f.replace(".json", "-responses-"), ".json");
                JSON.writeValue(out.toFile(), spec);
                var validator = OpenApiInteractionValidator.createForSpecificationUrl(
                                out.toUri().toString())
                        .withResolveCombinators(true)
                        .withLevelResolver(LevelResolver.create()
                                .withLevel("validation.request", ValidationReport.Level.IGNORE)
                                .build())
                        .build();
                return new StubResponseContract(f, validator);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Every 2xx JSON answer {@code server} gave must match the description; {@code undescribed} are regular
     * expressions of paths (after {@code mountPrefix}) the description lacks, which are skipped.
     */
    public void assertResponsesValid(WireMockServer server, String mountPrefix, String... undescribed) {
        assertResponsesValid(server, mountPrefix, Map.of(), undescribed);
    }

    /**
     * As above; the answers of a path matching a key of {@code itemsAs} (a regular expression; Graph's delta
     * functions, which the description lacks) are checked item by item: each entry of {@code value} that is not
     * an {@code @removed} stub must be what GET of the described path the key maps to answers for one item.
     */
    public void assertResponsesValid(
            WireMockServer server, String mountPrefix, Map<String, String> itemsAs, String... undescribed) {
        List<String> problems = new ArrayList<>();
        for (ServeEvent e : server.getAllServeEvents()) {
            var response = e.getResponse();
            String path = URI.create(e.getRequest().getUrl()).getRawPath();
            String relative = path.startsWith(mountPrefix) ? path.substring(mountPrefix.length()) : path;
            if (response.getStatus() / 100 != 2
                    || response.getBody() == null
                    || response.getBody().length == 0
                    || response.getBodyAsString().startsWith("{\"ok\":false")) { // Slack's errors come as 200
                continue;
            }
            String label = e.getRequest().getMethod() + " " + e.getRequest().getUrl();
            var method = Request.Method.valueOf(e.getRequest().getMethod().getName());
            String itemPath = itemsAs.entrySet().stream()
                    .filter(a -> relative.matches(a.getKey()))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse(null);
            if (itemPath != null) {
                for (JsonNode item : JSON.readTree(response.getBodyAsString()).path("value")) {
                    if (item instanceof ObjectNode o && !o.has("@removed")) {
                        o.remove("@odata.etag"); // OData control information, which no entity schema declares
                        check(itemPath, method, o.toString(), label + " (an item)", problems);
                    }
                }
            } else if (Arrays.stream(undescribed).noneMatch(relative::matches)) {
                check(relative, method, response.getBodyAsString(), label, problems);
            }
        }
        if (!problems.isEmpty()) {
            fail("stubbed answers the real API would not give (" + name + "):\n  " + String.join("\n  ", problems));
        }
    }

    /**
     * An adjustment for Microsoft Graph's converted description, whose nullable references are written {@code
     * anyOf: [{$ref}, {nullable: true, type: object}]}: with {@code allOf} merged the validator reads those as
     * "an object" and refuses the enum strings Graph sends ({@code showAs: "busy"}), so each becomes its {@code
     * $ref} (a stub then must not answer null there).
     */
    public static void graphNullableRefs(JsonNode node) {
        if (node instanceof ObjectNode o) {
            if (o.get("anyOf") instanceof ArrayNode any
                    && any.size() == 2
                    && any.get(0).has("$ref")
                    && any.get(1).path("nullable").asBoolean(false)) {
                o.remove("anyOf");
                o.set("$ref", any.get(0).get("$ref"));
            }
            o.values().forEach(StubResponseContract::graphNullableRefs);
        } else if (node instanceof ArrayNode a) {
            a.forEach(StubResponseContract::graphNullableRefs);
        }
    }

    private void check(String path, Request.Method method, String body, String label, List<String> problems) {
        var answer = SimpleResponse.Builder.status(200)
                .withContentType("application/json")
                .withBody(body)
                .build();
        validator.validateResponse(path, method, answer).getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .forEach(m -> problems.add(label + ": [" + m.getKey() + "] " + m.getMessage()));
    }

    /** Tuple-style {@code items: [...]} (Slack's), which swagger-parser refuses, as their first schema. */
    private static void untuple(JsonNode node) {
        if (node instanceof ObjectNode o) {
            if (o.get("items") instanceof ArrayNode tuple) {
                o.set("items", tuple.isEmpty() ? JSON.createObjectNode() : tuple.get(0));
            }
            o.values().forEach(StubResponseContract::untuple);
        } else if (node instanceof ArrayNode a) {
            a.forEach(StubResponseContract::untuple);
        }
    }

    private static void close(JsonNode schemas) {
        schemas.forEach(s -> {
            if (s instanceof ObjectNode o && o.has("properties") && !o.has("additionalProperties")) {
                o.put("additionalProperties", false);
            }
        });
    }
}
