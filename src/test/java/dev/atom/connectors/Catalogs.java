package dev.atom.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import tools.jackson.databind.JsonNode;

/** Reading GET /api/v1/connectors in the catalog tests. */
final class Catalogs {
    private Catalogs() {}

    /** The catalog entry of a connector; fails the test when it is not listed. */
    static JsonNode connector(JsonNode catalog, String id) {
        for (JsonNode n : catalog) {
            if (n.get("id").asString().equals(id)) {
                return n;
            }
        }
        assertThat(id).as("connector listed in the catalog").isNull();
        return null;
    }

    /** Adds {@code where.name} for every property in {@code properties} without a description. */
    static void undescribed(String where, JsonNode properties, List<String> out) {
        properties.properties().forEach(p -> {
            if (p.getValue().path("description").asString("").isBlank()) {
                out.add(where + "." + p.getKey());
            }
        });
    }
}
