package dev.atom.workflows.internal;

import dev.atom.identity.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Parses switch, for_each, sub-workflow, approval and ai steps; part of {@link DefinitionParser}. */
final class FlowStepParsers {
    static final int MAX_CONCURRENCY = 20;
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final Set<String> ROLES = Set.of("member", "admin", "owner");
    private final DefinitionParser p;

    FlowStepParsers(DefinitionParser parser) {
        this.p = parser;
    }

    Step switchStep(JsonNode s, String path, String id) {
        p.known(s, path, Set.of("id", "type", "value", "cases", "default"));
        Tpl value = p.template(s, "value", path, true);
        List<Step.Switch.Case> cases = new ArrayList<>();
        JsonNode list = s.get("cases");
        if (list == null || !list.isArray() || list.isEmpty()) {
            p.problem(path + ".cases", "is required: a list of {equals, steps}");
        } else {
            for (int i = 0; i < list.size(); i++) {
                JsonNode c = list.get(i);
                String at = path + ".cases[" + i + "]";
                if (!c.isObject()) {
                    p.problem(at, "must be an object with equals and steps");
                    continue;
                }
                p.known(c, at, Set.of("equals", "steps"));
                if (!c.has("equals")) {
                    p.problem(at + ".equals", "is required: the value that selects this case");
                } else if (Templates.isDynamic(c.get("equals"))) {
                    p.problem(at + ".equals", "must be a fixed value, not an expression");
                }
                cases.add(new Step.Switch.Case(c.get("equals"), p.nested(c.get("steps"), at + ".steps", true)));
            }
        }
        List<Step> otherwise = p.nested(s.get("default"), path + ".default", false);
        return new Step.Switch(id, value, cases, otherwise);
    }

    Step forEach(JsonNode s, String path, String id) {
        p.known(s, path, Set.of("id", "type", "items", "as", "concurrency", "steps"));
        Tpl items = p.template(s, "items", path, true);
        String as = "item";
        if (s.has("as")) {
            JsonNode v = s.get("as");
            if (!v.isString() || !NAME.matcher(v.asString()).matches()) {
                p.problem(path + ".as", "must be a name of letters, digits and _ (such as item)");
            } else if (Templates.ROOTS.contains(v.asString()) || v.asString().equals("index")) {
                p.problem(path + ".as", "'" + v.asString() + "' is taken; choose another name");
            } else {
                as = v.asString();
            }
        }
        int concurrency = 1;
        if (s.has("concurrency")) {
            JsonNode c = s.get("concurrency");
            if (!c.isIntegralNumber() || c.asInt() < 1 || c.asInt() > MAX_CONCURRENCY) {
                p.problem(path + ".concurrency", "must be a whole number from 1 to " + MAX_CONCURRENCY);
            } else {
                concurrency = c.asInt();
            }
        }
        List<Step> body = p.nestedWith(Set.of(as, "index"), s.get("steps"), path + ".steps");
        return new Step.ForEach(id, items, as, concurrency, body);
    }

    Step subWorkflow(JsonNode s, String path, String id) {
        p.known(s, path, Set.of("id", "type", "workflow", "input", "wait"));
        String workflow = p.text(s, "workflow", path + ".workflow");
        if (workflow != null
                && p.checksWorkflows()
                && p.publishedVersion(workflow).isEmpty()) {
            p.problem(path + ".workflow", "no published workflow '" + workflow + "' in this workspace");
        }
        Tpl input = null;
        if (s.hasNonNull("input")) {
            if (s.get("input").isObject() || Templates.isDynamic(s.get("input"))) {
                input = p.template(s, "input", path, false);
            } else {
                p.problem(path + ".input", "must be an object");
            }
        }
        boolean await = true;
        if (s.has("wait")) {
            if (!s.get("wait").isBoolean()) {
                p.problem(path + ".wait", "must be true or false");
            } else {
                await = s.get("wait").asBoolean();
            }
        }
        return new Step.SubWorkflow(id, workflow, input, await);
    }

    Step approval(JsonNode s, String path, String id) {
        p.known(s, path, Set.of("id", "type", "message", "approvers", "timeout", "onTimeout", "onReject"));
        Tpl message = p.template(s, "message", path, true);
        List<String> approvers = new ArrayList<>();
        JsonNode list = s.get("approvers");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                p.problem(path + ".approvers", "must be a list of user ids or roles (member, admin, owner)");
            } else {
                for (int i = 0; i < list.size(); i++) {
                    JsonNode a = list.get(i);
                    if (!a.isString() || a.asString().isBlank() || a.asString().length() > 64) {
                        p.problem(path + ".approvers[" + i + "]", "must be a user id or a role (member, admin, owner)");
                    } else {
                        approvers.add(a.asString().strip());
                    }
                }
            }
        }
        Duration timeout = p.duration(s, "timeout", path);
        if (timeout != null && (timeout.isNegative() || timeout.isZero() || timeout.toDays() > 366)) {
            p.problem(path + ".timeout", "must be more than zero and at most a year (P366D)");
        }
        String onTimeout = choice(s, "onTimeout", path, Set.of("reject", "approve"), "reject");
        String onReject = choice(s, "onReject", path, Set.of("fail", "continue"), "fail");
        return new Step.Approval(
                id, message, approvers, timeout, onTimeout.equals("approve"), onReject.equals("continue"));
    }

    Step ai(JsonNode s, String path, String id) {
        p.known(s, path, Set.of("id", "type", "prompt", "model", "system", "schema"));
        Tpl prompt = p.template(s, "prompt", path, true);
        Tpl system = p.template(s, "system", path, false);
        String model = null;
        if (s.hasNonNull("model")) {
            JsonNode m = s.get("model");
            if (!m.isString() || m.asString().isBlank() || m.asString().length() > 200) {
                p.problem(path + ".model", "must be a model (provider/model) or a policy such as atom/cheapest");
            } else {
                model = m.asString().strip();
            }
        }
        JsonNode schema = s.get("schema");
        if (schema != null && !schema.isNull()) {
            SchemaCheck.checkSchema(schema, path + ".schema", p::problem);
        } else {
            schema = null;
        }
        return new Step.Ai(id, prompt, model, system, schema);
    }

    /** Whether {@code approver} names a role (else it is a user id). */
    static boolean isRole(String approver) {
        return ROLES.contains(approver.toLowerCase(Locale.ROOT));
    }

    /** Whether a member with {@code userId} and {@code role} may decide, given the step's approvers. */
    static boolean mayDecide(List<String> approvers, String userId, Role role) {
        if (approvers.isEmpty()) {
            return true;
        }
        Set<String> ids = new HashSet<>();
        for (String a : approvers) {
            if (isRole(a) && role.atLeast(Role.fromWire(a))) {
                return true;
            }
            ids.add(a);
        }
        return ids.contains(userId);
    }

    private String choice(JsonNode s, String field, String path, Set<String> allowed, String fallback) {
        if (!s.has(field)) {
            return fallback;
        }
        String v = s.get(field).asString("");
        if (!allowed.contains(v)) {
            p.problem(
                    path + "." + field,
                    "must be one of "
                            + String.join(", ", allowed.stream().sorted().toList()));
            return fallback;
        }
        return v;
    }
}
