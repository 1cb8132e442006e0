package dev.atom.testing;

import static org.assertj.core.api.Assertions.fail;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import graphql.language.Document;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import graphql.validation.ValidationError;
import graphql.validation.Validator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks the GraphQL documents a connector sent (POST bodies {@code {"query", "variables", "operationName"}})
 * against the service's published schema in {@code ../shared/api-specs/<file>.graphql}, with graphql-java's
 * {@link Validator}: unknown fields, wrong argument types and missing required arguments fail the test. The
 * variables' values are not checked (the documents declare their types, which the validator does check).
 * Schemas are parsed once per JVM. Thread-safe.
 */
public final class GraphQlContract {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, GraphQlContract> CACHE = new ConcurrentHashMap<>();
    private final String name;
    private final GraphQLSchema schema;

    private GraphQlContract(String name, GraphQLSchema schema) {
        this.name = name;
        this.schema = schema;
    }

    /** The schema file {@code ../shared/api-specs/<file>} (SDL); a missing file fails the test. */
    public static GraphQlContract of(String file) {
        return CACHE.computeIfAbsent(file, f -> {
            Path path = OpenApiContract.specsDir().resolve(f);
            if (!Files.isRegularFile(path)) {
                fail("the GraphQL schema " + path + " is missing");
            }
            try {
                var registry = new SchemaParser().parse(Files.readString(path));
                // monday.com's file declares the introspection types (__Schema, __Type...) that graphql-java
                // defines itself and refuses to see redefined: the built-in ones are the same, so drop the copies
                registry.types().values().stream()
                        .filter(t -> t.getName().startsWith("__"))
                        .toList()
                        .forEach(registry::remove);
                return new GraphQlContract(f, UnExecutableSchemaGenerator.makeUnExecutableSchema(registry));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The problems of one query document against the schema; empty when it is valid. */
    public List<String> violations(String query) {
        Document document;
        try {
            document = Parser.parse(query);
        } catch (InvalidSyntaxException e) {
            return List.of("not GraphQL: " + e.getMessage());
        }
        return new Validator()
                .validateDocument(schema, document, Locale.ENGLISH).stream()
                        .map(ValidationError::getDescription)
                        .toList();
    }

    /** Every request must be a POST of a JSON body whose {@code query} is valid against the schema. */
    public void assertRequestsValid(List<LoggedRequest> requests) {
        List<String> problems = new ArrayList<>();
        for (LoggedRequest r : requests) {
            String where = r.getMethod() + " " + r.getUrl() + ": ";
            if (!"POST".equals(r.getMethod().getName())) {
                problems.add(where + "GraphQL calls are POSTs");
                continue;
            }
            JsonNode body;
            try {
                body = JSON.readTree(r.getBodyAsString());
            } catch (RuntimeException e) {
                problems.add(where + "the body is not JSON");
                continue;
            }
            if (!body.path("query").isString()) {
                problems.add(where + "the body has no query");
                continue;
            }
            violations(body.get("query").asString()).forEach(v -> problems.add(where + v));
        }
        if (!problems.isEmpty()) {
            fail("documents the real API would not accept (" + name + "):\n  " + String.join("\n  ", problems));
        }
    }
}
