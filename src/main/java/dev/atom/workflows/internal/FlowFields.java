package dev.atom.workflows.internal;

import dev.atom.workflows.internal.BuilderView.Branch;
import dev.atom.workflows.internal.BuilderView.Field;
import dev.atom.workflows.internal.BuilderView.Lookups;
import dev.atom.workflows.internal.BuilderView.Option;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The builder fields of the step kinds beyond the basic ones: transform (a value, or a list with
 * filter/map/pick), for_each, switch, approval, ai and workflow (sub-workflow). A value the form cannot show
 * in its control without changing it (a prompt that is not text, approvers that are not a list of names) is
 * left out of {@code shown}, so it is carried through as hidden JSON. Built per step; not thread-safe.
 */
final class FlowFields {
    static final List<String> POLICIES =
            List.of("atom/default", "atom/balanced", "atom/cheapest", "atom/fastest", "atom/best");
    private static final List<Option> ROLES = List.of(
            new Option("member", "Role: any member"),
            new Option("admin", "Role: admins and owners"),
            new Option("owner", "Role: owners"));
    private final BuilderView view;
    private final Lookups lookups;

    FlowFields(BuilderView view, Lookups lookups) {
        this.view = view;
        this.lookups = lookups;
    }

    void transform(JsonNode s, String path, List<Field> fields, Set<String> shown) {
        // what the step holds decides; the select's last choice only while it holds neither mode's fields
        boolean empty = !s.has("output") && BuilderForm.transformMode(s).equals("value");
        String mode = empty ? lookups.modes().getOrDefault(path, "value") : BuilderForm.transformMode(s);
        fields.add(BuilderView.field(
                "_mode." + path,
                "",
                "Makes",
                "select",
                mode,
                List.of(new Option("value", "a value (output)"), new Option("list", "a list from items (filter, map)")),
                true,
                null));
        if (mode.equals("list")) {
            fields.add(expression(s, path, "items", "Items (an expression giving a list)", shown, null));
            fields.add(expression(
                    s, path, "filter", "Keep only items where (optional)", shown, "{{ item.n > 1 }}: item and index"));
            fields.add(expression(s, path, "map", "Turn each item into (optional)", shown, "{{ item.name }}"));
        } else {
            fields.add(BuilderView.json(s, path, "output", "Output (JSON, may hold {{ expressions }})", shown));
        }
        names(s, path, "pick", "Pick fields (optional, comma-separated)", shown, "Keep only these fields")
                .ifPresent(fields::add);
    }

    void forEach(JsonNode s, String path, List<Field> fields, Set<String> shown, List<Branch> branches) {
        fields.add(expression(s, path, "items", "Items (an expression giving a list)", shown, null));
        fields.add(BuilderView.text(s, path, "as", "Name of the item (optional, default item)", shown));
        fields.add(BuilderView.number(s, path, "concurrency", "Iterations at once (1 to 20, default 1)", shown));
        shown.add("steps");
        branches.add(view.branch("For each item", s, path + ".steps", "the loop " + id(s), true));
    }

    void switchStep(JsonNode s, String path, List<Field> fields, Set<String> shown, List<Branch> branches) {
        fields.add(expression(s, path, "value", "Value (an expression)", shown, "Such as {{ trigger.input.kind }}"));
        JsonNode cases = s.get("cases");
        if (cases != null && (!cases.isArray() || cases.valueStream().anyMatch(c -> !c.isObject()))) {
            return; // not a list of cases: kept as JSON, the checks say what is wrong
        }
        shown.addAll(Set.of("cases", "default"));
        for (int i = 0; cases != null && i < cases.size(); i++) {
            JsonNode c = cases.get(i);
            String at = path + ".cases[" + i + "]";
            Field equals = BuilderView.field(
                    at + ".equals",
                    ":value",
                    "Equals",
                    "text",
                    FormValues.looseText(c.get("equals")),
                    null,
                    false,
                    "A fixed value: text, or JSON such as 3, true or \"3\"");
            view.addAnchor(equals.path());
            List<Field> own = new ArrayList<>(List.of(equals));
            own.addAll(BuilderView.hidden(c, at, Set.of("equals", "steps")));
            String label = "Case " + (i + 1) + (c.has("equals") ? " = " + FormValues.looseText(c.get("equals")) : "");
            Branch steps = view.branch(label, c, at + ".steps", "case " + (i + 1) + " of " + id(s), true);
            branches.add(new Branch(steps.label(), steps.path(), steps.name(), own, true, true, steps.steps()));
        }
        branches.add(view.branch("Default", s, path + ".default", "default of " + id(s), false));
    }

    void approval(JsonNode s, String path, List<Field> fields, Set<String> shown) {
        fields.add(expression(s, path, "message", "Message (what the approver reads)", shown, null));
        JsonNode approvers = s.get("approvers");
        if (approvers == null || plainNames(approvers)) {
            shown.add("approvers");
            List<Option> options = new ArrayList<>(ROLES);
            options.addAll(lookups.people());
            String value = approvers == null ? "" : String.join(",", names(approvers));
            names(approvers).stream()
                    .filter(a -> options.stream().noneMatch(o -> o.value().equals(a)))
                    .forEach(a -> options.add(new Option(a, a + " (not a member)")));
            fields.add(BuilderView.field(
                    path + ".approvers",
                    ":list",
                    "Who may decide (none chosen: any member)",
                    "multiselect",
                    value,
                    options,
                    false,
                    null));
            if (approvers != null) {
                fields.add(BuilderView.field("_list." + path + ".approvers", "", "", "hidden", "", null, false, null));
            }
        }
        fields.add(BuilderView.text(s, path, "timeout", "Decide by itself after (optional, such as P2D)", shown));
        fields.add(choice(s, path, "onTimeout", "At the timeout", List.of("reject", "approve"), shown));
        fields.add(choice(s, path, "onReject", "When rejected", List.of("fail", "continue"), shown));
    }

    void ai(JsonNode s, String path, List<Field> fields, Set<String> shown) {
        fields.add(longText(s, path, "prompt", "Prompt (may hold {{ expressions }})", shown));
        fields.add(longText(s, path, "system", "System message (optional)", shown));
        JsonNode model = s.get("model");
        if (model == null || model.isString()) {
            shown.add("model");
            List<Option> policies = POLICIES.stream().map(p -> new Option(p, p)).toList();
            fields.add(BuilderView.field(
                    path + ".model",
                    "",
                    "Model (optional: provider/model or a policy)",
                    "text",
                    BuilderView.scalar(model),
                    policies,
                    false,
                    "Default: the workspace's routing"));
        }
        fields.add(BuilderView.json(s, path, "schema", "Answer schema (JSON Schema, optional)", shown));
    }

    void subWorkflow(JsonNode s, String path, List<Field> fields, Set<String> shown) {
        JsonNode workflow = s.get("workflow");
        if (workflow == null || workflow.isString()) {
            shown.add("workflow");
            String id = BuilderView.scalar(workflow);
            List<Option> options = new ArrayList<>(List.of(new Option("", "Choose a workflow")));
            options.addAll(lookups.workflows());
            if (!id.isEmpty() && options.stream().noneMatch(o -> o.value().equals(id))) {
                options.add(new Option(id, id + " (not a workflow of this workspace)"));
            }
            fields.add(BuilderView.field(path + ".workflow", "", "Workflow", "select", id, options, false, null));
        }
        fields.add(BuilderView.json(s, path, "input", "Input (JSON, read as {{ trigger.input }})", shown));
        JsonNode wait = s.get("wait");
        if (wait == null || wait.isBoolean()) {
            shown.add("wait");
            fields.add(BuilderView.field(
                    path + ".wait",
                    ":boolean",
                    "Wait for it to finish",
                    "select",
                    BuilderView.scalar(wait),
                    List.of(
                            new Option("", "— (yes)"),
                            new Option("true", "yes: its output is this step's"),
                            new Option("false", "no: go on at once")),
                    false,
                    null));
        }
    }

    /** A one-line expression field, or JSON when the value is not text. */
    private static Field expression(JsonNode s, String path, String key, String label, Set<String> shown, String help) {
        JsonNode v = s.get(key);
        if (v != null && !v.isNull() && !v.isString()) {
            return BuilderView.json(s, path, key, label + " (JSON)", shown);
        }
        shown.add(key);
        return BuilderView.field(path + "." + key, "", label, "text", BuilderView.scalar(v), null, false, help);
    }

    private static Field longText(JsonNode s, String path, String key, String label, Set<String> shown) {
        JsonNode v = s.get(key);
        if (v != null && !v.isNull() && !v.isString()) {
            return BuilderView.json(s, path, key, label + " (JSON)", shown);
        }
        shown.add(key);
        return BuilderView.field(path + "." + key, "", label, "textarea", BuilderView.scalar(v), null, false, null);
    }

    private static Field choice(
            JsonNode s, String path, String key, String label, List<String> values, Set<String> shown) {
        shown.add(key);
        String value = BuilderView.scalar(s.get(key));
        List<Option> options = new ArrayList<>(List.of(new Option("", "— (" + values.getFirst() + ")")));
        values.forEach(v -> options.add(new Option(v, v)));
        if (!value.isEmpty() && !values.contains(value)) {
            options.add(new Option(value, value)); // shown as it is; the checks name it
        }
        return BuilderView.field(path + "." + key, "", label, "select", value, options, false, null);
    }

    /** A comma-separated list of names, when the value is one (else it stays JSON). */
    private static java.util.Optional<Field> names(
            JsonNode s, String path, String key, String label, Set<String> shown, String help) {
        JsonNode v = s.get(key);
        if (v != null && !(plainNames(v) && !v.isEmpty())) {
            return java.util.Optional.of(
                    BuilderView.json(s, path, key, label.replace("comma-separated", "JSON"), shown));
        }
        shown.add(key);
        return java.util.Optional.of(BuilderView.field(
                path + "." + key, ":list", label, "text", String.join(", ", names(v)), null, false, help));
    }

    /** Whether {@code v} is a list of texts that survive a comma-separated round trip. */
    private static boolean plainNames(JsonNode v) {
        if (!v.isArray()) {
            return false;
        }
        for (JsonNode n : v) {
            if (!n.isString()
                    || n.asString().isBlank()
                    || n.asString().contains(",")
                    || !n.asString().equals(n.asString().strip())) {
                return false;
            }
        }
        return true;
    }

    private static List<String> names(JsonNode v) {
        List<String> out = new ArrayList<>();
        if (v != null) {
            v.forEach(n -> out.add(n.asString("")));
        }
        return out;
    }

    private static String id(JsonNode s) {
        return s.path("id").asString("");
    }
}
