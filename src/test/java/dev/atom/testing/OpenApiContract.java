package dev.atom.testing;

import static org.assertj.core.api.Assertions.fail;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks that the requests a connector sent to a WireMock stub are ones the real API accepts, against the
 * service's official description in {@code ../shared/api-specs} (resolved from the project root's parent;
 * a missing file fails the test, it never skips). Method, path, query, headers and body are validated with
 * Atlassian's swagger-request-validator; responses are stubs, so they are not.
 *
 * <pre>{@code
 * static final OpenApiContract TRELLO = OpenApiContract.subset("trello.json", Map.of(), "/boards/*", "/cards");
 * ...
 * SLACK.assertRequestsValid(wireMock);                 // every request recorded since the last reset
 * SLACK.assertRequestsValid(wireMock, "/api/v3");      // the connector's base URL had this path prefix
 * }</pre>
 *
 * Large specs are cut with {@code ../shared/tools/openapi-subset.py} into {@code target/api-specs/} at test
 * time (never committed). Validators are cached per spec for the JVM. Thread-safe.
 */
public final class OpenApiContract {
    /**
     * Our own switch beside the tool's: parameter names to drop in any location (Slack's description still
     * requires a {@code token} query parameter that Slack refuses today; the token goes in Authorization).
     */
    public static final String DROP_PARAMS = "DROP_PARAMS";

    /**
     * Our own switch: merge {@code allOf} into one schema before validating (Asana's request bodies are
     * {@code allOf} chains, which the validator otherwise checks part by part, each refusing the others' fields).
     */
    public static final String RESOLVE_ALL_OF = "RESOLVE_ALL_OF";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, OpenApiContract> CACHE = new ConcurrentHashMap<>();
    private final String name;
    private final OpenApiInteractionValidator validator;

    private OpenApiContract(String name, OpenApiInteractionValidator validator) {
        this.name = name;
        this.validator = validator;
    }

    /** The whole spec file {@code ../shared/api-specs/<file>}. */
    public static OpenApiContract of(String file) {
        return CACHE.computeIfAbsent(file, f -> load(f, spec(f)));
    }

    /**
     * A description kept in this repository, {@code src/test/resources/api-specs/<file>}, for a service that
     * publishes none (Dropbox): written from its documentation, which the file cites. Fails when missing.
     */
    public static OpenApiContract local(String file) {
        return CACHE.computeIfAbsent("local:" + file, key -> {
            var url = OpenApiContract.class.getResource("/api-specs/" + file);
            if (url == null) {
                fail("the API description src/test/resources/api-specs/" + file + " is missing");
            }
            var validator = OpenApiInteractionValidator.createForSpecificationUrl(url.toString())
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.response", ValidationReport.Level.IGNORE)
                            .build())
                    .withCustomRequestValidation(OpenApiContract::declaredQueryOnly)
                    .build();
            return new OpenApiContract(file, validator);
        });
    }

    /**
     * A subset of the spec with only {@code paths} (exact keys, or a prefix ending in {@code *}; {@code "*"}
     * keeps them all), cut by the shared tool with its environment switches ({@code DROP_HEADER_PARAMS},
     * {@code ALIAS_JSON}).
     */
    public static OpenApiContract subset(String file, Map<String, String> env, String... paths) {
        String key = file + env + String.join(",", paths);
        return CACHE.computeIfAbsent(key, k -> load(file, cut(file, env, paths), env.containsKey(RESOLVE_ALL_OF)));
    }

    /**
     * The shared specs folder: {@code ATOM_API_SPECS} when set, else {@code ../shared/api-specs} from the project
     * root, else the nearest {@code shared/api-specs} further up (a clone may sit deeper than the workspace's
     * checkout). Fails, never skips, when none exists.
     */
    public static Path specsDir() {
        String configured = System.getenv("ATOM_API_SPECS");
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured);
            if (!Files.isDirectory(dir)) {
                fail("ATOM_API_SPECS points at " + dir + ", which is not a folder");
            }
            return dir;
        }
        Path expected = projectRoot().toAbsolutePath().getParent().resolve("shared/api-specs");
        for (Path p = projectRoot().toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            Path dir = p.resolve("shared/api-specs");
            if (Files.isDirectory(dir)) {
                return dir;
            }
        }
        return fail(
                "the official API descriptions are missing: expected them in " + expected + " (or set ATOM_API_SPECS)");
    }

    private static Path projectRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("pom.xml"))) {
            p = p.getParent();
        }
        return p == null ? Path.of("").toAbsolutePath() : p;
    }

    private static Path spec(String file) {
        Path f = specsDir().resolve(file);
        if (!Files.isRegularFile(f)) {
            fail("the API description " + f + " is missing");
        }
        return f;
    }

    private static Path cut(String file, Map<String, String> env, String... paths) {
        Path tool = specsDir().getParent().resolve("tools/openapi-subset.py");
        if (!Files.isRegularFile(tool)) {
            fail("the spec cutting tool " + tool + " is missing");
        }
        try {
            Path outDir = projectRoot().resolve("target/api-specs");
            Files.createDirectories(outDir);
            Path out = Files.createTempFile(outDir, file.replace(".json", "-"), ".json");
            List<String> cmd = new ArrayList<>(
                    List.of("python3", tool.toString(), spec(file).toString(), out.toString()));
            cmd.addAll(List.of(paths));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            env.forEach((k, v) -> {
                if (!k.equals(DROP_PARAMS) && !k.equals(RESOLVE_ALL_OF)) {
                    pb.environment().put(k, v);
                }
            });
            Process p = pb.start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                fail("openapi-subset.py failed for " + file + ": " + log);
            }
            fixUp(
                    out,
                    env.containsKey(DROP_PARAMS) ? Set.of(env.get(DROP_PARAMS).split(",")) : Set.of());
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Removes parameters by name in every location (the tool drops header ones only), and turns tuple-style
     * {@code items: [...]} (Slack's response objects), which swagger-parser refuses to load, into their first
     * schema.
     */
    private static void fixUp(Path spec, Set<String> names) throws IOException {
        JsonNode root = JSON.readTree(spec.toFile());
        strip(root, names);
        JSON.writeValue(spec.toFile(), root);
    }

    private static void strip(JsonNode node, Set<String> names) {
        if (node instanceof ObjectNode o) {
            if (o.get("parameters") instanceof ArrayNode params) {
                for (int i = params.size() - 1; i >= 0; i--) {
                    if (names.contains(params.get(i).path("name").asString(""))) {
                        params.remove(i);
                    }
                }
            }
            if (o.get("items") instanceof ArrayNode tuple) {
                o.set("items", tuple.isEmpty() ? JSON.createObjectNode() : tuple.get(0));
            }
            o.values().forEach(v -> strip(v, names));
        } else if (node instanceof ArrayNode a) {
            a.forEach(v -> strip(v, names));
        }
    }

    private static OpenApiContract load(String name, Path spec) {
        return load(name, spec, false);
    }

    private static OpenApiContract load(String name, Path spec, boolean resolveAllOf) {
        var validator = OpenApiInteractionValidator.createForSpecificationUrl(
                        spec.toUri().toString())
                .withResolveCombinators(resolveAllOf)
                // only requests are ours to check: stubbed responses prove nothing about the connector
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.response", ValidationReport.Level.IGNORE)
                        .build())
                .build();
        return new OpenApiContract(name, validator);
    }

    /** Every request {@code server} recorded must be valid; fails listing each violation. */
    public void assertRequestsValid(WireMockServer server) {
        assertRequestsValid(server, "");
    }

    /**
     * Like {@link #assertRequestsValid(WireMockServer)} when the connector's base URL carries a path prefix
     * the spec does not (GitHub Enterprise's {@code /api/v3}): the prefix is cut before validating. {@code
     * undescribed} are regular expressions of paths (after the prefix) the spec file lacks though the real API
     * has them (a subset spec): those requests are skipped, so say in the test why and check them there.
     */
    public void assertRequestsValid(WireMockServer server, String mountPrefix, String... undescribed) {
        List<ServeEvent> events = server.getAllServeEvents();
        if (events.isEmpty()) {
            fail("no request reached the stub, so nothing was checked against " + name);
        }
        assertRequestsValid(events.stream().map(ServeEvent::getRequest).toList(), mountPrefix, undescribed);
    }

    /** Each of {@code requests} must be valid (as {@link #assertRequestsValid(WireMockServer, String, String...)}). */
    public void assertRequestsValid(List<LoggedRequest> requests, String mountPrefix, String... undescribed) {
        List<String> problems = new ArrayList<>();
        for (LoggedRequest r : requests) {
            String path = URI.create(r.getUrl()).getRawPath();
            String relative = path.startsWith(mountPrefix) ? path.substring(mountPrefix.length()) : path;
            if (java.util.Arrays.stream(undescribed).anyMatch(relative::matches)) {
                continue;
            }
            ValidationReport report = validator.validateRequest(toRequest(r, mountPrefix));
            if (report.hasErrors()) {
                StringBuilder sb = new StringBuilder(r.getMethod() + " " + r.getUrl() + ":");
                report.getMessages().stream()
                        .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                        .forEach(m -> sb.append("\n    [")
                                .append(m.getKey())
                                .append("] ")
                                .append(m.getMessage()));
                problems.add(sb.toString());
            }
        }
        if (!problems.isEmpty()) {
            fail("requests the real API would not accept (" + name + "):\n  " + String.join("\n  ", problems));
        }
    }

    /**
     * The validator reads each form value as JSON when it parses, so Slack's {@code ts=1700000000.000100}
     * would be a number and fail a string schema. A value that does not survive that reading unchanged is
     * quoted, so it stays the text it is; {@code limit=20} and {@code true} keep their types.
     */
    private static String formAsTyped(String body) {
        List<String> out = new ArrayList<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                out.add(pair);
                continue;
            }
            String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            String typed = value;
            try {
                JsonNode parsed = JSON.readTree(value);
                if (parsed.isValueNode()
                        && !parsed.isString()
                        && !parsed.toString().equals(value)) {
                    typed = JSON.writeValueAsString(value);
                }
            } catch (RuntimeException e) {
                // not JSON: the validator takes it as text, as it is
            }
            out.add(pair.substring(0, eq) + "=" + URLEncoder.encode(typed, StandardCharsets.UTF_8));
        }
        return String.join("&", out);
    }

    private static Request toRequest(LoggedRequest r, String mountPrefix) {
        URI uri = URI.create(r.getUrl());
        String path = uri.getRawPath();
        if (!mountPrefix.isEmpty()) {
            if (!path.startsWith(mountPrefix)) {
                fail(r.getUrl() + " is not under the base path " + mountPrefix);
            }
            path = path.substring(mountPrefix.length());
        }
        var b = new SimpleRequest.Builder(r.getMethod().getName(), path);
        for (HttpHeader h : r.getHeaders().all()) {
            b.withHeader(h.key(), h.values());
        }
        r.getQueryParams().forEach((k, v) -> b.withQueryParam(k, v.values()));
        if (r.getBody() != null && r.getBody().length > 0) {
            String type = r.getHeader("Content-Type");
            b.withBody(
                    type != null && type.startsWith("application/x-www-form-urlencoded")
                            ? formAsTyped(r.getBodyAsString())
                            : r.getBodyAsString());
        }
        return b.build();
    }

    /**
     * The whole spec, adjusted in memory by {@code adjust} (a media type the service documents elsewhere, a
     * format it reads more widely) and made as strict as the real service where the description is loose:
     * every object schema is closed (a field it does not declare is a violation) and so is a query parameter
     * the operation does not declare. Google's discovery-based descriptions need this: Google answers 400 to
     * unknown fields and parameters, while the descriptions declare no field required and nothing closed.
     * {@code variant} names the adjustment in the cache.
     */
    public static OpenApiContract strict(String file, String variant, Consumer<ObjectNode> adjust) {
        return CACHE.computeIfAbsent(file + "#strict:" + variant, key -> {
            try {
                ObjectNode spec = (ObjectNode) JSON.readTree(spec(file).toFile());
                adjust.accept(spec);
                spec.path("components").path("schemas").forEach(OpenApiContract::close);
                inlineParameters(spec);
                Path outDir = projectRoot().resolve("target/api-specs");
                Files.createDirectories(outDir);
                Path out = Files.createTempFile(outDir, file.replace(".json", "-strict-"), ".json");
                JSON.writeValue(out.toFile(), spec);
                var validator = OpenApiInteractionValidator.createForSpecificationUrl(
                                out.toUri().toString())
                        .withLevelResolver(LevelResolver.create()
                                .withLevel("validation.response", ValidationReport.Level.IGNORE)
                                .build())
                        .withCustomRequestValidation(OpenApiContract::declaredQueryOnly)
                        .build();
                return new OpenApiContract(file, validator);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * The whole spec, adjusted in memory by {@code adjust} (a parameter the service documents elsewhere), for
     * descriptions built with {@code allOf} (Microsoft Graph's {@code message} is {@code entity} + {@code
     * outlookItem} + its own fields): the validator treats each part of an {@code allOf} as closed, so a valid
     * body fails unless the parts are first merged into one schema, as is done here. The merged schema is
     * closed too, so a misspelt field is a violation. {@code variant} names the adjustment in the cache.
     */
    public static OpenApiContract adjusted(String file, String variant, Consumer<ObjectNode> adjust) {
        return CACHE.computeIfAbsent(file + "#adjusted:" + variant, key -> {
            try {
                ObjectNode spec = (ObjectNode) JSON.readTree(spec(file).toFile());
                adjust.accept(spec);
                Path outDir = projectRoot().resolve("target/api-specs");
                Files.createDirectories(outDir);
                Path out = Files.createTempFile(outDir, file.replace(".json", "-adjusted-"), ".json");
                JSON.writeValue(out.toFile(), spec);
                var validator = OpenApiInteractionValidator.createForSpecificationUrl(
                                out.toUri().toString())
                        .withResolveCombinators(true)
                        .withLevelResolver(LevelResolver.create()
                                .withLevel("validation.response", ValidationReport.Level.IGNORE)
                                .build())
                        .build();
                return new OpenApiContract(file, validator);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The operation object at {@code path} and {@code method} of a spec, for {@link #strict}'s adjustments. */
    public static ObjectNode operation(ObjectNode spec, String path, String method) {
        return (ObjectNode) spec.path("paths").path(path).path(method);
    }

    private static void close(JsonNode schema) {
        if (schema instanceof ObjectNode o && o.has("properties") && !o.has("additionalProperties")) {
            o.put("additionalProperties", false);
        }
    }

    /** Path-level and referenced parameters copied into each operation, so the operation lists all it takes. */
    private static void inlineParameters(ObjectNode spec) {
        for (JsonNode item : spec.path("paths")) {
            List<JsonNode> shared = new ArrayList<>();
            item.path("parameters").forEach(p -> shared.add(resolve(spec, p)));
            for (var op : item.properties()) {
                if (!(op.getValue() instanceof ObjectNode operation)
                        || op.getKey().equals("parameters")) {
                    continue;
                }
                ArrayNode all = JSON.createArrayNode();
                shared.forEach(all::add);
                operation.path("parameters").forEach(p -> all.add(resolve(spec, p)));
                operation.set("parameters", all);
            }
            ((ObjectNode) item).remove("parameters");
        }
    }

    private static JsonNode resolve(JsonNode spec, JsonNode p) {
        if (!p.has("$ref")) {
            return p;
        }
        JsonNode target = spec;
        for (String part : p.get("$ref").asString().replaceFirst("^#/", "").split("/")) {
            target = target.path(part);
        }
        return target;
    }

    private static ValidationReport declaredQueryOnly(Request request, ApiOperation operation) {
        Set<String> declared = new java.util.HashSet<>();
        if (operation.getOperation().getParameters() != null) {
            operation.getOperation().getParameters().stream()
                    .filter(p -> "query".equals(p.getIn()))
                    .forEach(p -> declared.add(p.getName()));
        }
        ValidationReport report = ValidationReport.empty();
        for (String name : request.getQueryParameters()) {
            if (!declared.contains(name)) {
                report = report.merge(ValidationReport.singleton(ValidationReport.Message.create(
                                "validation.request.parameter.query.undeclared",
                                "Query parameter '" + name + "' is not declared by the operation")
                        .build()));
            }
        }
        return report;
    }

    /**
     * The violations of one request given by hand ({@code url} is the path with its raw query string), for
     * what WireMock's record cannot be checked as it is (a multipart upload checked by its metadata part).
     */
    public List<String> violations(String method, String url, String contentType, String body) {
        URI uri = URI.create(url);
        var b = new SimpleRequest.Builder(method, uri.getRawPath());
        if (uri.getRawQuery() != null) {
            Map<String, List<String>> query = new java.util.LinkedHashMap<>();
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
            }
            query.forEach(b::withQueryParam);
        }
        b.withAuthorization("Bearer test");
        if (contentType != null) {
            b.withContentType(contentType);
        }
        if (body != null && !body.isEmpty()) {
            b.withBody(body);
        }
        List<String> out = new ArrayList<>();
        validator.validateRequest(b.build()).getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .forEach(m -> out.add(method + " " + url + ": [" + m.getKey() + "] " + m.getMessage()));
        return out;
    }
}
