package dev.atom.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonSchemasTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    enum Color {
        RED,
        @JsonProperty("dark-blue")
        DARK_BLUE
    }

    record Address(
            @Schema(description = "The city", examples = "\"Berlin\"")
            String city,

            @Nullable String zip) {}

    @Schema(description = "Everything at once")
    record Everything(
            String text,
            int count,
            @Nullable Long big,
            double ratio,
            boolean flag,
            @Nullable Boolean maybe,
            Color color,
            List<String> tags,
            Set<Integer> numbers,
            Map<String, Address> places,
            Address home,
            @Nullable List<Address> others,
            Instant at,
            URI link,
            JsonNode anything,
            String[] array,
            @JsonProperty("renamed_field") String renamed,

            @Schema(
                    minLength = 1,
                    maxLength = 10,
                    minimum = 0,
                    maximum = 99.5,
                    format = "email",
                    examples = {"a@b.c", "42"})
            String bounded) {}

    record Loop(String name, @Nullable Loop next) {}

    record Bad(Map<Integer, String> keys) {}

    @Test
    void derivesEveryKindOfComponent() {
        JsonNode s = JsonSchemas.of(Everything.class);
        String expected = """
                {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
                 "description":"Everything at once",
                 "properties":{
                  "text":{"type":"string"},
                  "count":{"type":"integer","minimum":-2147483648,"maximum":2147483647},
                  "big":{"type":"integer"},
                  "ratio":{"type":"number"},
                  "flag":{"type":"boolean"},
                  "maybe":{"type":"boolean"},
                  "color":{"type":"string","enum":["RED","dark-blue"]},
                  "tags":{"type":"array","items":{"type":"string"}},
                  "numbers":{"type":"array","items":{"type":"integer","minimum":-2147483648,"maximum":2147483647},"uniqueItems":true},
                  "places":{"type":"object","additionalProperties":{"type":"object","properties":{
                      "city":{"type":"string","description":"The city","examples":["Berlin"]},"zip":{"type":"string"}},
                      "required":["city"],"additionalProperties":false}},
                  "home":{"type":"object","properties":{
                      "city":{"type":"string","description":"The city","examples":["Berlin"]},"zip":{"type":"string"}},
                      "required":["city"],"additionalProperties":false},
                  "others":{"type":"array","items":{"type":"object","properties":{
                      "city":{"type":"string","description":"The city","examples":["Berlin"]},"zip":{"type":"string"}},
                      "required":["city"],"additionalProperties":false}},
                  "at":{"type":"string","format":"date-time"},
                  "link":{"type":"string","format":"uri"},
                  "anything":{},
                  "array":{"type":"array","items":{"type":"string"}},
                  "renamed_field":{"type":"string"},
                  "bounded":{"type":"string","format":"email","minLength":1,"maxLength":10,"minimum":0,"maximum":99.5,
                      "examples":["a@b.c",42]}},
                 "required":["text","count","ratio","flag","color","tags","numbers","places","home","at","link",
                     "anything","array","renamed_field","bounded"],
                 "additionalProperties":false}
                """;
        assertThat(JSON.readTree(s.toString())).isEqualTo(JSON.readTree(expected));
    }

    @Test
    void refusesRecursiveRecordsAndNonStringMapKeys() {
        assertThatThrownBy(() -> JsonSchemas.of(Loop.class)).hasMessageContaining("recursive");
        assertThatThrownBy(() -> JsonSchemas.of(Bad.class)).hasMessageContaining("map keys must be strings");
    }
}
