package dev.atom.workflows.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** A transform step's fields: {@code output}, or {@code items} with {@code filter}/{@code map}; {@code pick}. */
final class TransformParser {
    private static final Set<String> ITEM = Set.of("item", "index");
    private final DefinitionParser p;

    TransformParser(DefinitionParser parser) {
        this.p = parser;
    }

    Step parse(JsonNode s, String path, String id) {
        p.known(s, path, Set.of("id", "type", "output", "items", "filter", "map", "pick"));
        boolean list = s.hasNonNull("items");
        if (list && s.hasNonNull("output")) {
            p.problem(path, "give exactly one of output (a value) or items (a list to filter and map)");
        }
        if (!list && (s.has("filter") || s.has("map"))) {
            p.problem(path + (s.has("filter") ? ".filter" : ".map"), "needs items: the list it works on");
        }
        Tpl output = list ? null : p.template(s, "output", path, true);
        Tpl items = list ? p.template(s, "items", path, true) : null;
        Tpl filter = list ? p.templateWith(ITEM, s, "filter", path) : null;
        Tpl map = list ? p.templateWith(ITEM, s, "map", path) : null;
        return new Step.Transform(id, output, items, filter, map, pick(s.get("pick"), path + ".pick"));
    }

    private List<String> pick(JsonNode pick, String path) {
        List<String> keys = new ArrayList<>();
        if (pick == null || pick.isNull()) {
            return keys;
        }
        if (!pick.isArray() || pick.isEmpty()) {
            p.problem(path, "must be a list of field names");
            return keys;
        }
        for (JsonNode k : pick) {
            if (!k.isString() || k.asString().isBlank()) {
                p.problem(path, "must be a list of field names");
                return List.of();
            }
            keys.add(k.asString());
        }
        return keys;
    }
}
