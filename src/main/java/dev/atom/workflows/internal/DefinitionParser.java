package dev.atom.workflows.internal;

import dev.atom.connectors.AuthSpec;
import dev.atom.connectors.Connectors;
import dev.atom.shared.web.ApiException.FieldError;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Turns definition JSON into a {@link Definition}, collecting every problem with its exact place
 * ({@code steps[2].input.channel: is required}) instead of stopping at the first. Action steps are checked
 * against the connector catalog's input schemas; values holding expressions are checked by the template
 * checker. One parser per definition (it keeps the problems and step ids seen); not thread-safe.
 */
final class DefinitionParser {
    private static final Pattern STEP_ID = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");
    private static final int MAX_STEPS = 500;

    private final Connectors connectors;
    private final String workspaceId;
    private final Templates templates;
    private final List<FieldError> problems = new ArrayList<>();
    private final Set<String> stepIds = new HashSet<>();
    /** Step ids whose output exists when the step being parsed runs (earlier steps on every path to it). */
    private final List<String> before = new ArrayList<>();
    /** Names a for_each body adds to the expression roots (its item and index), only inside that body. */
    private final Set<String> scope = new HashSet<>();
    /** The published version of a workflow of this workspace by id, to check sub-workflow steps; null: skip. */
    private java.util.function.Function<String, java.util.Optional<Integer>> publishedWorkflows;

    DefinitionParser(Connectors connectors, String workspaceId, Templates templates) {
        this.connectors = connectors;
        this.workspaceId = workspaceId;
        this.templates = templates;
    }

    /** Also checks that sub-workflow steps name a published workflow of the workspace. */
    DefinitionParser checkingWorkflows(java.util.function.Function<String, java.util.Optional<Integer>> published) {
        this.publishedWorkflows = published;
        return this;
    }

    /** The definition, or null when {@link #problems()} says why not. */
    Definition parse(JsonNode json) {
        if (json == null || !json.isObject()) {
            problem("definition", "must be an object with name, trigger and steps");
            return null;
        }
        known(json, "", Set.of("name", "description", "trigger", "steps", "onError", "concurrency"));
        String name = text(json, "name", "name");
        if (name != null && (name.isBlank() || name.length() > 200)) {
            problem("name", "must be 1 to 200 characters");
        }
        Definition.Trigger trigger = trigger(json.get("trigger"));
        List<Step> steps = steps(json.get("steps"), "steps", true);
        if (stepIds.size() > MAX_STEPS) {
            problem("steps", "has more than " + MAX_STEPS + " steps");
        }
        String onError = onError(json.get("onError"));
        int concurrency = concurrency(json.get("concurrency"));
        return problems.isEmpty() ? new Definition(name, trigger, steps, json, onError, concurrency) : null;
    }

    /** {@code "onError": {"workflow": "<id>"}}: a workflow of the workspace to start when a run fails. */
    private String onError(JsonNode onError) {
        if (onError == null || onError.isNull()) {
            return null;
        }
        if (!onError.isObject()) {
            problem("onError", "must be an object: {\"workflow\": \"<id of a workflow to run when a run fails>\"}");
            return null;
        }
        known(onError, "onError", Set.of("workflow"));
        String id = text(onError, "workflow", "onError.workflow");
        return id == null || id.isBlank() ? null : id;
    }

    /** {@code "concurrency": N}: at most N runs of the workflow execute at once (1 to 100). */
    private int concurrency(JsonNode value) {
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isIntegralNumber() || value.asInt() < 1 || value.asInt() > 100) {
            problem("concurrency", "must be a whole number from 1 to 100 (runs of this workflow at once)");
            return 0;
        }
        return value.asInt();
    }

    List<FieldError> problems() {
        return List.copyOf(problems);
    }

    private Definition.Trigger trigger(JsonNode t) {
        if (t == null || !t.isObject()) {
            problem("trigger", "is required: an object with a type (manual, webhook)");
            return null;
        }
        String type = text(t, "type", "trigger.type");
        if (type == null) {
            return null;
        }
        return switch (type) {
            case "manual" -> {
                known(t, "trigger", Set.of("type", "expect"));
                TriggerParsers.expect(this, t);
                yield new Definition.Trigger.Manual();
            }
            case "webhook" -> {
                known(t, "trigger", Set.of("type", "respond", "expect"));
                TriggerParsers.expect(this, t);
                String respond = t.has("respond") ? t.get("respond").asString("") : "immediately";
                if (!respond.equals("immediately") && !respond.equals("last_step")) {
                    problem("trigger.respond", "must be immediately or last_step");
                }
                yield new Definition.Trigger.Webhook(respond, "token");
            }
            case "schedule" -> TriggerParsers.schedule(this, t);
            default -> {
                if (type.contains(".")) {
                    yield TriggerParsers.connector(this, t, type);
                }
                problem("trigger.type", "unknown trigger type '" + type + "' (known: manual, webhook, schedule)");
                yield null;
            }
        };
    }

    private List<Step> steps(JsonNode list, String path, boolean required) {
        if (list == null || list.isNull()) {
            if (required) {
                problem(path, "is required: a list of steps");
            }
            return List.of();
        }
        if (!list.isArray()) {
            problem(path, "must be a list of steps");
            return List.of();
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Step s = step(list.get(i), path + "[" + i + "]");
            if (s != null) {
                steps.add(s);
                before.add(s.id());
            }
        }
        return steps;
    }

    private Step step(JsonNode s, String path) {
        if (!s.isObject()) {
            problem(path, "must be an object");
            return null;
        }
        String id = text(s, "id", path + ".id");
        if (id != null && !STEP_ID.matcher(id).matches()) {
            problem(path + ".id", "must start with a letter and use only letters, digits, _ and - (at most 64)");
        } else if (id != null && !stepIds.add(id)) {
            problem(path + ".id", "'" + id + "' is used by another step");
        }
        String type = s.has("type") ? s.get("type").asString("") : s.has("action") ? "action" : null;
        if (type == null) {
            problem(path + ".type", "is required (or give an action)");
            return null;
        }
        return switch (type) {
            case "action" -> new StepParsers(this).action(s, path, id);
            case "transform" -> new TransformParser(this).parse(s, path, id);
            case "condition" -> condition(s, path, id);
            case "respond" -> {
                known(s, path, Set.of("id", "type", "status", "body", "headers"));
                yield new Step.Respond(
                        id,
                        template(s, "status", path, false),
                        template(s, "body", path, false),
                        template(s, "headers", path, false));
            }
            case "fail" -> {
                known(s, path, Set.of("id", "type", "message"));
                yield new Step.Fail(id, template(s, "message", path, true));
            }
            case "stop" -> {
                known(s, path, Set.of("id", "type"));
                yield new Step.Stop(id);
            }
            case "delay" -> new StepParsers(this).delay(s, path, id);
            case "switch" -> new FlowStepParsers(this).switchStep(s, path, id);
            case "for_each" -> new FlowStepParsers(this).forEach(s, path, id);
            case "workflow" -> new FlowStepParsers(this).subWorkflow(s, path, id);
            case "approval" -> new FlowStepParsers(this).approval(s, path, id);
            case "ai" -> new FlowStepParsers(this).ai(s, path, id);
            default -> {
                problem(path + ".type", "unknown step type '" + type + "'");
                yield null;
            }
        };
    }

    private Step condition(JsonNode s, String path, String id) {
        known(s, path, Set.of("id", "type", "if", "then", "else"));
        Tpl condition = template(s, "if", path, true);
        int mark = before.size();
        List<Step> then = steps(s.get("then"), path + ".then", true);
        // a step of one branch is not "before" the other branch or the steps after the condition
        before.subList(mark, before.size()).clear();
        List<Step> otherwise = steps(s.get("else"), path + ".else", false);
        before.subList(mark, before.size()).clear();
        return new Step.Condition(id, condition, then, otherwise);
    }

    // --- helpers shared with StepParsers ---

    /** Parses nested steps (a branch, a loop body): they are not "before" anything outside the list. */
    List<Step> nested(JsonNode list, String path, boolean required) {
        int mark = before.size();
        List<Step> parsed = steps(list, path, required);
        before.subList(mark, before.size()).clear();
        return parsed;
    }

    /** As {@link #nested}, with {@code names} readable by the expressions inside. */
    List<Step> nestedWith(Set<String> names, JsonNode list, String path) {
        Set<String> added = new HashSet<>(names);
        added.removeAll(scope);
        scope.addAll(added);
        try {
            return nested(list, path, true);
        } finally {
            scope.removeAll(added);
        }
    }

    java.util.Optional<Integer> publishedVersion(String workflowId) {
        return publishedWorkflows == null ? java.util.Optional.of(0) : publishedWorkflows.apply(workflowId);
    }

    boolean checksWorkflows() {
        return publishedWorkflows != null;
    }

    Connectors connectors() {
        return connectors;
    }

    String workspaceId() {
        return workspaceId;
    }

    void problem(String field, String message) {
        problems.add(new FieldError(field, message));
    }

    /** Compiles the expressions in {@code node.field} (null when absent or when it has problems). */
    Tpl template(JsonNode node, String field, String path, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                problem(path + "." + field, "is required");
            }
            return null;
        }
        return compile(value, path + "." + field);
    }

    /** Compiles {@code node.field} where {@code names} are readable too (a transform's item and index). */
    Tpl templateWith(Set<String> names, JsonNode node, String field, String path) {
        Set<String> added = new HashSet<>(names);
        added.removeAll(scope);
        scope.addAll(added);
        try {
            return template(node, field, path, false);
        } finally {
            scope.removeAll(added);
        }
    }

    /** Compiles a value that may hold expressions (null when it has problems, which are collected). */
    Tpl compile(JsonNode value, String path) {
        return templates.compile(value, path, Set.copyOf(before), problems, Set.copyOf(scope));
    }

    String text(JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            problem(path, "is required");
            return null;
        }
        if (!v.isString()) {
            problem(path, "must be a string");
            return null;
        }
        return v.asString();
    }

    Duration duration(JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            return Duration.parse(v.asString(""));
        } catch (DateTimeParseException e) {
            problem(path + "." + field, "must be an ISO-8601 duration such as PT30S or PT2H");
            return null;
        }
    }

    void known(JsonNode node, String path, Set<String> fields) {
        for (String name : node.propertyNames()) {
            if (!fields.contains(name)) {
                problem(path.isEmpty() ? name : path + "." + name, "is not a known field");
            }
        }
    }

    static boolean needsConnection(AuthSpec auth) {
        return !(auth instanceof AuthSpec.None);
    }
}
