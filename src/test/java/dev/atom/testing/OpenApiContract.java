package dev.atom.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks requests a connector sent (as WireMock recorded them) against a service's official OpenAPI
 * description in {@code ../shared/api-specs} (relative to the project root; a missing file fails the test):
 * method, path, path and query parameters, headers and JSON body, by swagger-request-validator. On top, it
 * is strict where the real services are and the descriptions are not: a query parameter the operation does
 * not declare is a violation (Google answers 400 to unknown parameters), and with {@code strictBodies} so is
 * a body field the schema does not declare. Specs are parsed once per JVM. Thread-safe.
 */
public final class OpenApiContract {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, OpenApiContract> LOADED = new ConcurrentHashMap<>();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private final OpenApiInteractionValidator validator;
    private final ObjectNode spec;
    private final String basePath;

    private OpenApiContract(ObjectNode spec) {
        this.spec = spec;
        String server = spec.path("servers").path(0).path("url").asString("");
        String path = server.replaceFirst("^[a-z]+://[^/]+", "");
        this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(JSON.writeValueAsString(spec))
                .build();
    }

    /** The directory of the official descriptions: {@code ../shared/api-specs} from the project root. */
    public static Path specsDir() {
        return Path.of("").toAbsolutePath().getParent().resolve("shared/api-specs");
    }

    /** The contract of {@code file} as published. */
    public static OpenApiContract of(String file) {
        return of(file, false, spec -> {});
    }

    /**
     * The contract of {@code file}, adjusted in memory by {@code adjust} (say, a media type the service
     * documents elsewhere); {@code strictBodies} closes every object schema (additionalProperties false).
     */
    public static OpenApiContract of(String file, boolean strictBodies, Consumer<ObjectNode> adjust) {
        return LOADED.computeIfAbsent(file + (strictBodies ? "#strict" : ""), key -> {
            Path path = specsDir().resolve(file);
            if (!Files.isRegularFile(path)) {
                fail("the API description " + path + " is missing: contract tests need ../shared/api-specs");
            }
            try {
                ObjectNode spec = (ObjectNode) JSON.readTree(Files.readString(path, StandardCharsets.UTF_8));
                if (strictBodies) {
                    spec.path("components").path("schemas").forEach(OpenApiContract::close);
                }
                adjust.accept(spec);
                return new OpenApiContract(spec);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static void close(JsonNode schema) {
        if (schema instanceof ObjectNode o && o.has("properties") && !o.has("additionalProperties")) {
            o.put("additionalProperties", false);
        }
    }

    /** The operation object at {@code path} and {@code method}, for adjusting a spec. */
    public static ObjectNode operation(ObjectNode spec, String path, String method) {
        return (ObjectNode) spec.path("paths").path(path).path(method);
    }

    /** Fails with every violation of every request. */
    public void assertValid(List<LoggedRequest> requests) {
        assertThat(requests).as("requests to check").isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (LoggedRequest r : requests) {
            problems.addAll(
                    violations(r.getMethod().getName(), r.getUrl(), r.getHeader("Content-Type"), r.getBodyAsString()));
        }
        assertThat(problems).as("requests that break the API description").isEmpty();
    }

    /** The violations of one request; {@code url} is the path with its query string, as sent. */
    public List<String> violations(String method, String url, String contentType, String body) {
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        var builder = new SimpleRequest.Builder(method, path);
        Map<String, List<String>> query = new java.util.LinkedHashMap<>();
        if (q >= 0) {
            for (String pair : url.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        }
        query.forEach(builder::withQueryParam);
        if (contentType != null) {
            builder.withContentType(contentType);
        }
        builder.withAuthorization("Bearer test");
        if (body != null && !body.isEmpty()) {
            builder.withBody(body);
        }
        ValidationReport report = validator.validateRequest(builder.build());
        List<String> out = new ArrayList<>();
        String where = method + " " + url + ": ";
        report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .forEach(m -> out.add(where + m.getKey() + " " + m.getMessage()));
        Set<String> declared = declaredQuery(method.toLowerCase(java.util.Locale.ROOT), path);
        if (declared != null) {
            for (String name : query.keySet()) {
                if (!declared.contains(name)) {
                    out.add(where + "query parameter '" + name + "' is not declared by the operation");
                }
            }
        }
        return out;
    }

    /** Query parameter names of the operation matching the path, or null when none matches. */
    private Set<String> declaredQuery(String method, String requestPath) {
        if (!METHODS.contains(method) || !requestPath.startsWith(basePath)) {
            return null;
        }
        String relative = requestPath.substring(basePath.length());
        for (var entry : spec.path("paths").properties()) {
            String regex = "^" + Pattern.quote(entry.getKey()).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q") + "$";
            if (!relative.matches(regex) || !entry.getValue().has(method)) {
                continue;
            }
            Set<String> names = new LinkedHashSet<>();
            collect(entry.getValue().path("parameters"), names);
            collect(entry.getValue().path(method).path("parameters"), names);
            return names;
        }
        return null;
    }

    private void collect(JsonNode parameters, Set<String> names) {
        for (JsonNode p : parameters) {
            JsonNode resolved = p;
            if (p.has("$ref")) {
                String[] ref = p.get("$ref").asString().replaceFirst("^#/", "").split("/");
                resolved = spec;
                for (String part : ref) {
                    resolved = resolved.path(part);
                }
            }
            if ("query".equals(resolved.path("in").asString(""))) {
                names.add(resolved.path("name").asString());
            }
        }
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
