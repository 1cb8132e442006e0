package dev.atom.workflows.internal;

import dev.atom.connectors.Connectors;
import dev.atom.shared.web.ApiException.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the builder page shows for a definition: the trigger and the steps as form fields named by their
 * definition paths, and the problems placed next to the field (or step, or list) their path names, with a
 * summary that links to each. Built per request; not thread-safe.
 */
final class BuilderView {
    /** The add-step picker and the type select: every kind the parser accepts. */
    static final List<Option> STEP_OPTIONS = List.of(
            new Option("action", "action"),
            new Option("transform", "transform"),
            new Option("condition", "condition"),
            new Option("switch", "switch (one branch per value)"),
            new Option("for_each", "for_each (a loop over a list)"),
            new Option("approval", "approval (wait for a person)"),
            new Option("ai", "ai (ask a model)"),
            new Option("workflow", "workflow (run another workflow)"),
            new Option("respond", "respond"),
            new Option("delay", "delay"),
            new Option("fail", "fail"),
            new Option("stop", "stop"));

    static final List<String> STEP_TYPES =
            STEP_OPTIONS.stream().map(Option::value).toList();

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final java.util.function.Function<JsonNode, String> JSON_TEXT = JSON::writeValueAsString;

    /** One input: {@code name} is its path plus how to read it; {@code kind} picks the control. */
    record Field(
            String path,
            String name,
            String label,
            String kind,
            String value,
            List<Option> options,
            boolean refresh,
            String help) {}

    record Option(String value, String label) {}

    /** A step box; {@code fields} empty and {@code raw} set for a type the form does not know (edited as JSON). */
    record StepView(
            String path,
            String id,
            String type,
            Field typeField,
            List<Field> fields,
            List<Field> hidden,
            String raw,
            List<Branch> branches,
            int index,
            int count) {}

    /**
     * A nested step list of a step (a condition's then/else, a loop's body, a switch case or its default):
     * {@code fields} are the branch's own (a case's value), {@code removable} for a case, {@code keep} whether
     * an empty list is posted back (an optional list that was absent stays absent).
     */
    record Branch(
            String label,
            String path,
            String name,
            List<Field> fields,
            boolean removable,
            boolean keep,
            List<StepView> steps) {}

    /**
     * What the fields need besides the definition: the workspace's workflows and people (for sub-workflow and
     * approval steps), the time (for a schedule's next slots) and the transforms' chosen modes by path.
     */
    /** {@code viewer} (a user id, may be null) limits the connection pickers to the connections they may use. */
    record Lookups(
            List<Option> workflows,
            List<Option> people,
            java.time.Instant now,
            Map<String, String> modes,
            String viewer) {
        static final Lookups NONE = new Lookups(List.of(), List.of(), java.time.Instant.EPOCH, Map.of());

        Lookups(List<Option> workflows, List<Option> people, java.time.Instant now, Map<String, String> modes) {
            this(workflows, people, now, modes, null);
        }
    }

    /** A problem for the summary: what, and the id of the control it is shown at. */
    record Problem(String path, String message, String anchor) {}

    private final Connectors connectors;
    private final String workspaceId;
    private final Set<String> anchors = new java.util.HashSet<>(Set.of("name", "trigger", "steps", "description"));

    private final Map<String, String> typed;
    private final Lookups lookups;

    /** {@code typed}: text to show as typed instead of the definition's value (JSON that could not be read). */
    BuilderView(Connectors connectors, String workspaceId, Map<String, String> typed) {
        this(connectors, workspaceId, typed, Lookups.NONE);
    }

    BuilderView(Connectors connectors, String workspaceId, Map<String, String> typed, Lookups lookups) {
        this.connectors = connectors;
        this.workspaceId = workspaceId;
        this.typed = typed;
        this.lookups = lookups;
    }

    List<StepView> steps(JsonNode list, String path) {
        anchors.add(path);
        List<StepView> out = new ArrayList<>();
        if (list == null || !list.isArray()) {
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            out.add(step(list.get(i), path + "[" + i + "]", i, list.size()));
        }
        return out;
    }

    private StepView step(JsonNode s, String path, int index, int count) {
        anchors.add(path);
        String type = s.isObject() ? BuilderForm.typeOf(s) : "";
        if (!s.isObject() || !STEP_TYPES.contains(type)) {
            anchors.add(path + ".id");
            return new StepView(
                    path,
                    s.path("id").asString(""),
                    type,
                    null,
                    List.of(),
                    List.of(),
                    typed.getOrDefault(path, pretty(s)),
                    List.of(),
                    index,
                    count);
        }
        Field typeField = field(path + ".type", "", "Type", "select", type, STEP_OPTIONS, true, null);
        List<Field> fields = new ArrayList<>();
        fields.add(field(
                path + ".id",
                "",
                "Step id",
                "text",
                s.path("id").asString(""),
                null,
                false,
                "Later steps read its result as steps.<id>.output"));
        Set<String> shown = new java.util.HashSet<>(Set.of("id", "type"));
        List<Branch> branches = new ArrayList<>();
        FlowFields flow = new FlowFields(this, lookups);
        switch (type) {
            case "action" -> new ActionFields(connectors, workspaceId, lookups.viewer()).add(s, path, fields, shown);
            case "transform" -> flow.transform(s, path, fields, shown);
            case "condition" -> {
                fields.add(text(s, path, "if", "If (an expression such as {{ steps.a.output.n > 10 }})", shown));
                shown.addAll(Set.of("then", "else"));
                branches.add(branch(
                        "Then", s, path + ".then", "then of " + s.path("id").asString(""), true));
                branches.add(branch(
                        "Else", s, path + ".else", "else of " + s.path("id").asString(""), true));
            }
            case "for_each" -> flow.forEach(s, path, fields, shown, branches);
            case "switch" -> flow.switchStep(s, path, fields, shown, branches);
            case "approval" -> flow.approval(s, path, fields, shown);
            case "ai" -> flow.ai(s, path, fields, shown);
            case "workflow" -> flow.subWorkflow(s, path, fields, shown);
            case "respond" -> {
                fields.add(number(s, path, "status", "Status code", shown));
                fields.add(json(s, path, "body", "Body (JSON)", shown));
                fields.add(json(s, path, "headers", "Headers (JSON object, optional)", shown));
            }
            case "delay" -> {
                fields.add(text(s, path, "duration", "Wait for (ISO-8601 duration such as PT10M)", shown));
                fields.add(text(s, path, "until", "Or wait until (an instant such as 2026-12-01T09:00:00Z)", shown));
            }
            case "fail" -> fields.add(text(s, path, "message", "Message", shown));
            default -> {}
        }
        fields.stream().filter(f -> !f.kind().equals("hidden")).forEach(f -> anchors.add(f.path()));
        return new StepView(
                path,
                s.path("id").asString(""),
                type,
                typeField,
                fields,
                hidden(s, path, shown),
                null,
                branches,
                index,
                count);
    }

    /** A nested step list at {@code listPath} (absent lists are shown empty; {@code keep}: post it back empty). */
    Branch branch(String label, JsonNode s, String listPath, String name, boolean keep) {
        JsonNode list = BuilderForm.get(s, listPath.substring(listPath.lastIndexOf('.') + 1));
        return new Branch(label, listPath, name, List.of(), false, keep || list != null, steps(list, listPath));
    }

    void addAnchor(String path) {
        anchors.add(path);
    }

    /** Trigger fields: its type, and the fields of that kind of trigger. */
    List<Field> trigger(JsonNode t) {
        List<Field> fields = new TriggerFields(connectors, workspaceId, lookups.now(), lookups.viewer())
                .fields(t)
                .shown();
        fields.stream().filter(f -> !f.kind().equals("hidden")).forEach(f -> anchors.add(f.path()));
        return fields;
    }

    /** The trigger's fields the form does not show, carried through as JSON. */
    List<Field> triggerHidden(JsonNode t) {
        return t == null || !t.isObject()
                ? List.of()
                : hidden(
                        t,
                        "trigger",
                        new TriggerFields(connectors, workspaceId, lookups.now(), lookups.viewer())
                                .fields(t)
                                .keys());
    }

    /** Problems by the path of the control they are shown at (the longest one their path starts with). */
    Map<String, List<String>> place(List<FieldError> problems) {
        Map<String, List<String>> placed = new LinkedHashMap<>();
        for (FieldError p : problems) {
            placed.computeIfAbsent(anchor(p.field()), k -> new ArrayList<>()).add(p.message());
        }
        return placed;
    }

    List<Problem> summary(List<FieldError> problems) {
        return problems.stream()
                .map(p -> new Problem(p.field(), p.message(), "f-" + anchor(p.field())))
                .toList();
    }

    private String anchor(String path) {
        String best = "";
        for (String a : anchors) {
            boolean covers = path.equals(a) || path.startsWith(a + ".") || path.startsWith(a + "[");
            if (covers && a.length() > best.length()) {
                best = a;
            }
        }
        return best.isEmpty() ? "name" : best;
    }

    static List<Field> hidden(JsonNode node, String path, Set<String> shown) {
        List<Field> out = new ArrayList<>();
        for (String key : node.propertyNames()) {
            if (!shown.contains(key)) {
                String p = path + "." + key;
                out.add(new Field(
                        p, p + ":json", key, "hidden", JSON.writeValueAsString(node.get(key)), null, false, null));
            }
        }
        return out;
    }

    static Field field(
            String path,
            String suffix,
            String label,
            String kind,
            String value,
            List<Option> options,
            boolean refresh,
            String help) {
        return new Field(path, path + suffix, label, kind, value, options, refresh, help);
    }

    static Field text(JsonNode s, String path, String key, String label, Set<String> shown) {
        shown.add(key);
        return field(path + "." + key, "", label, "text", scalar(s.get(key)), null, false, null);
    }

    static Field number(JsonNode s, String path, String key, String label, Set<String> shown) {
        shown.add(key);
        return field(path + "." + key, ":number", label, "text", scalar(s.get(key)), null, false, null);
    }

    static Field json(JsonNode s, String path, String key, String label, Set<String> shown) {
        shown.add(key);
        JsonNode v = s.get(key);
        return field(
                path + "." + key, ":json", label, "json", v == null || v.isNull() ? "" : pretty(v), null, false, null);
    }

    /** A value for a one-line input: text as is, anything else as JSON. */
    static String scalar(JsonNode v) {
        if (v == null || v.isNull()) {
            return "";
        }
        return v.isString() ? v.asString() : JSON.writeValueAsString(v);
    }

    static String pretty(JsonNode v) {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(v);
    }
}
