package dev.atom.connectors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.connectors.ConnectorException.FieldProblem;
import dev.atom.connectors.JsonSchemas;
import dev.atom.connectors.Schema;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class InputValidatorTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    enum Kind {
        A,
        B
    }

    record Item(String name, @Nullable Integer qty) {}

    record Input(
            @Schema(format = "uri") String url,
            Kind kind,
            int count,
            @Nullable Double ratio,
            boolean flag,
            @Nullable List<Item> items,
            @Nullable Map<String, String> headers,
            @Nullable Set<String> tags,
            @Nullable Instant at,
            @Nullable URI link,

            @Schema(minLength = 2, maxLength = 3, minimum = 1, maximum = 5) @Nullable
            String code,

            @Schema(minimum = 1, maximum = 5) @Nullable Integer level) {}

    private static List<FieldProblem> check(String json) {
        return InputValidator.validate(JSON.readTree(json), JsonSchemas.of(Input.class));
    }

    @Test
    void acceptsAValidInput() {
        assertThat(check("""
                {"url":"https://example.com/x","kind":"A","count":3,"ratio":0.5,"flag":true,
                 "items":[{"name":"a"},{"name":"b","qty":2}],"headers":{"x":"y"},"tags":["a","b"],
                 "at":"2026-11-24T18:28:51Z","link":"https://a.b","code":"ab","level":5,"count2":null}
                """.replace(",\"count2\":null", ""))).isEmpty();
        assertThat(check("{\"url\":\"https://e.x\",\"kind\":\"B\",\"count\":1.0,\"flag\":false,\"ratio\":null}"))
                .isEmpty();
    }

    @Test
    void namesEveryBadFieldByItsPath() {
        var problems = check("""
                {"kind":"C","count":"3","flag":"yes","ratio":"x","items":[{"qty":1.5},null],
                 "headers":{"x":1},"tags":["a","a"],"at":"yesterday","link":"/relative","code":"abcd","level":9,
                 "extra":1}
                """);
        assertThat(problems)
                .extracting(p -> p.field() + ": " + p.message())
                .containsExactlyInAnyOrder(
                        "url: is required",
                        "kind: must be one of A, B",
                        "count: must be a whole number",
                        "flag: must be true or false",
                        "ratio: must be a number",
                        "items[0].name: is required",
                        "items[0].qty: must be a whole number",
                        "items[1]: must not be null",
                        "headers.x: must be a string",
                        "tags[1]: repeats an earlier item",
                        "at: must be a valid date-time",
                        "link: must be a valid uri",
                        "code: must be at most 3 characters",
                        "level: must be at most 5",
                        "extra: is not a known field");
    }

    @Test
    void anInputThatIsNotAnObjectIsNamedAsAWhole() {
        assertThat(InputValidator.validate(JSON.readTree("[1]"), JsonSchemas.of(Input.class)))
                .extracting(FieldProblem::field, FieldProblem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("", "must be an object"));
        JsonNode tooShort = JSON.readTree(
                "{\"url\":\"https://e.x\",\"kind\":\"A\",\"count\":1,\"flag\":true,\"code\":\"a\",\"level\":0}");
        assertThat(InputValidator.validate(tooShort, JsonSchemas.of(Input.class)))
                .extracting(p -> p.field() + ": " + p.message())
                .containsExactlyInAnyOrder("code: must be at least 2 characters", "level: must be at least 1");
    }
}
