package dev.atom.workflows.internal;

import dev.atom.shared.web.ApiException.FieldError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The builder's form, read back into definition JSON. Every input is named by the definition path it fills
 * ({@code steps[1].then[0].body}), so validation problems (which name the same paths) land next to their
 * field. A suffix says how to read the text: {@code :json}, {@code :number}, {@code :boolean}; plain text
 * otherwise. Blank inputs are left out, so a missing required value is reported as such. Names starting with
 * {@code _} are the builder's own controls. Stateless.
 */
final class BuilderForm {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern SEGMENT = Pattern.compile("([^.\\[\\]]+)|\\[(\\d{1,4})]");

    private BuilderForm() {}

    /**
     * The definition the form describes, the values that could not be read (invalid JSON) and their text as
     * typed, so the page shows it back unchanged.
     */
    record Read(
            ObjectNode definition,
            List<FieldError> problems,
            Map<String, String> unreadable,
            Map<String, String> modes) {
        Read(ObjectNode definition, List<FieldError> problems, Map<String, String> unreadable) {
            this(definition, problems, unreadable, Map.of());
        }
    }

    /** The fields of a transform's list mode; dropped when its mode select says "value" (and output for "list"). */
    private static final List<String> LIST_MODE = List.of("items", "filter", "map");

    static Read read(Map<String, String> form) {
        ObjectNode root = NODES.objectNode();
        List<FieldError> problems = new ArrayList<>();
        Map<String, String> was = new HashMap<>();
        Map<String, String> modes = new HashMap<>();
        for (Map.Entry<String, String> e : form.entrySet()) {
            String name = e.getKey();
            if (name.startsWith("_list.")) {
                ensureArray(root, name.substring("_list.".length()));
            } else if (name.startsWith("_was.")) {
                was.put(name.substring("_was.".length()), e.getValue());
            } else if (name.startsWith("_mode.")) {
                modes.put(name.substring("_mode.".length()), e.getValue());
            } else if (!name.startsWith("_") && !name.equals("op")) {
                int colon = name.lastIndexOf(':');
                String path = colon < 0 ? name : name.substring(0, colon);
                String kind = colon < 0 ? "text" : name.substring(colon + 1);
                JsonNode value = FormValues.value(kind, e.getValue(), path, problems);
                if (value != null && SEGMENT.matcher(path).lookingAt()) {
                    set(root, segments(path), value);
                }
            }
        }
        // a step or trigger whose type was just changed keeps only what every type has
        was.forEach((path, oldType) -> {
            if (get(root, path) instanceof ObjectNode node && !oldType.equals(typeOf(node))) {
                node.propertyNames().stream()
                        .filter(k -> !k.equals("id") && !k.equals("type") && !k.equals("expect"))
                        .toList()
                        .forEach(node::remove);
            }
        });
        // a transform switched between a value (output) and a list (items, filter, map) drops the other mode
        modes.forEach((path, mode) -> {
            if (get(root, path) instanceof ObjectNode node
                    && typeOf(node).equals("transform")
                    && !mode.equals(transformMode(node))) {
                if (mode.equals("list")) {
                    node.remove("output");
                } else {
                    LIST_MODE.forEach(node::remove);
                }
            }
        });
        Map<String, String> unreadable = new HashMap<>();
        problems.forEach(p -> unreadable.put(p.field(), text(form, p.field())));
        return new Read(root, problems, unreadable, modes);
    }

    private static String text(Map<String, String> form, String path) {
        return form.getOrDefault(path + ":json", "");
    }

    /** Whether a transform makes a list (it has items, filter or map) or a value. */
    static String transformMode(JsonNode step) {
        return LIST_MODE.stream().anyMatch(step::has) ? "list" : "value";
    }

    /** A step's type as the parser reads it: {@code type}, or {@code action} when only an action is given. */
    static String typeOf(JsonNode step) {
        if (step.hasNonNull("type")) {
            return step.get("type").asString("");
        }
        return step.has("action") ? "action" : "";
    }

    // --- structural edits: add, remove, move a step ---

    /** Appends a new step of {@code type} to the list at {@code listPath} ({@code steps}, {@code steps[1].then}). */
    static void add(ObjectNode root, String listPath, String type) {
        ArrayNode list = ensureArray(root, listPath);
        ObjectNode step = list.addObject();
        step.put("id", freshId(root, type));
        step.put("type", type);
        switch (type) {
            case "transform" -> step.putObject("output");
            case "condition" -> {
                step.putArray("then");
                step.putArray("else");
            }
            case "respond" -> {
                step.put("status", 200);
                step.putObject("body");
            }
            case "delay" -> step.put("duration", "PT1M");
            case "for_each" -> step.putArray("steps");
            case "switch" -> {
                appendCase(step, "a");
                step.putArray("default");
            }
            case "workflow" -> step.put("wait", true);
            default -> {}
        }
    }

    /** Appends a case (with an empty step list) to the switch at {@code switchPath}. */
    static void addCase(ObjectNode root, String switchPath) {
        if (get(root, switchPath) instanceof ObjectNode step) {
            int n = step.path("cases").size() + 1;
            appendCase(step, "case" + n);
        }
    }

    private static void appendCase(ObjectNode step, String equals) {
        ArrayNode cases = step.get("cases") instanceof ArrayNode existing ? existing : step.putArray("cases");
        ObjectNode c = cases.addObject();
        c.put("equals", equals);
        c.putArray("steps");
    }

    static void remove(ObjectNode root, String stepPath) {
        Place p = place(root, stepPath);
        if (p != null) {
            p.list().remove(p.index());
        }
    }

    /** Moves a step one place up ({@code by} -1) or down (+1) within its list. */
    static void move(ObjectNode root, String stepPath, int by) {
        Place p = place(root, stepPath);
        if (p == null || p.index() + by < 0 || p.index() + by >= p.list().size()) {
            return;
        }
        JsonNode step = p.list().get(p.index());
        p.list().remove(p.index());
        p.list().insert(p.index() + by, step);
    }

    private record Place(ArrayNode list, int index) {}

    private static Place place(ObjectNode root, String stepPath) {
        int open = stepPath.lastIndexOf('[');
        if (open < 0 || !stepPath.endsWith("]")) {
            return null;
        }
        int index = Integer.parseInt(stepPath.substring(open + 1, stepPath.length() - 1));
        return get(root, stepPath.substring(0, open)) instanceof ArrayNode list && index < list.size()
                ? new Place(list, index)
                : null;
    }

    private static String freshId(ObjectNode root, String type) {
        Set<String> used = new java.util.HashSet<>();
        collectIds(root.get("steps"), used);
        String base = type.replaceAll("[^A-Za-z0-9_]", "_");
        for (int n = 1; ; n++) {
            if (!used.contains(base + n)) {
                return base + n;
            }
        }
    }

    private static void collectIds(JsonNode steps, Set<String> into) {
        if (steps == null || !steps.isArray()) {
            return;
        }
        for (JsonNode s : steps) {
            into.add(s.path("id").asString(""));
            for (String nested : List.of("then", "else", "steps", "default")) {
                collectIds(s.get(nested), into);
            }
            s.path("cases").forEach(c -> collectIds(c.get("steps"), into));
        }
    }

    // --- paths ---

    static JsonNode get(JsonNode root, String path) {
        JsonNode at = root;
        for (Object seg : segments(path)) {
            at = seg instanceof Integer i ? at.get(i) : at.get((String) seg);
            if (at == null) {
                return null;
            }
        }
        return at;
    }

    private static List<Object> segments(String path) {
        List<Object> out = new ArrayList<>();
        Matcher m = SEGMENT.matcher(path);
        while (m.find()) {
            out.add(m.group(1) != null ? m.group(1) : Integer.valueOf(m.group(2)));
        }
        return out;
    }

    private static ArrayNode ensureArray(ObjectNode root, String path) {
        if (get(root, path) instanceof ArrayNode existing) {
            return existing;
        }
        ArrayNode list = NODES.arrayNode();
        set(root, segments(path), list);
        return list;
    }

    private static void set(JsonNode root, List<Object> segs, JsonNode value) {
        JsonNode at = root;
        for (int i = 0; i < segs.size(); i++) {
            Object seg = segs.get(i);
            boolean last = i == segs.size() - 1;
            JsonNode next = last ? value : segs.get(i + 1) instanceof Integer ? NODES.arrayNode() : NODES.objectNode();
            if (seg instanceof Integer index && at instanceof ArrayNode array) {
                while (array.size() <= index) {
                    array.addNull();
                }
                JsonNode existing = array.get(index);
                if (last || existing == null || existing.isNull() || !existing.isContainer()) {
                    array.set(index, next);
                    existing = next;
                }
                at = existing;
            } else if (seg instanceof String key && at instanceof ObjectNode object) {
                JsonNode existing = object.get(key);
                if (last || existing == null || !existing.isContainer()) {
                    object.set(key, next);
                    existing = next;
                }
                at = existing;
            } else {
                return; // the path does not fit the shape built so far: ignore the stray input
            }
        }
    }
}
