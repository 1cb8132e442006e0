package dev.atom.assistant.internal;

import dev.atom.identity.CurrentUser;
import dev.atom.shared.Ids;
import dev.atom.shared.web.ApiException;
import dev.atom.shared.web.FieldErrors;
import dev.atom.tools.Tool;
import dev.atom.tools.ToolCatalog;
import dev.atom.tools.ToolContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Whether a write waits for the person's approval, and the standing rules that change it. By default a write to
 * another app waits and a write to the person's own data runs at once. An {@code always_allow} rule lets a write to
 * another app run without asking; an {@code always_ask} rule (meant for destructive tools: deletes, sends) makes
 * every write of that tool wait. A rule for one connection beats one for any connection. Whatever the rules say, a
 * write proposed after the turn read outside text waits ({@link OutsideContent}): that text may be an injected
 * instruction. Thread-safe.
 */
@Service
class ApprovalRules {
    /** The input property a connection action takes its connection from (connectors' ConnectionActionTool). */
    static final String CONNECTION = "connection";

    private final ApprovalRuleRepository rules;
    private final ToolCatalog catalog;
    private final Clock clock;

    ApprovalRules(ApprovalRuleRepository rules, ToolCatalog catalog, Clock clock) {
        this.rules = rules;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** True when this write must wait for approval. */
    boolean mustAsk(TurnState turn, Tool tool, Tool.Effect effect, JsonNode input) {
        if (effect == Tool.Effect.READ) {
            return false;
        }
        if (turn.readOutside) {
            return true;
        }
        Optional<ApprovalRule.Mode> rule = ruleFor(turn.context, tool.name(), connectionOf(input));
        if (rule.isPresent()) {
            return rule.get() == ApprovalRule.Mode.ALWAYS_ASK;
        }
        return effect == Tool.Effect.EXTERNAL_WRITE;
    }

    /** The mode of the most specific rule covering a call of {@code tool} on {@code connection}, if any. */
    Optional<ApprovalRule.Mode> ruleFor(ToolContext context, String tool, String connection) {
        ApprovalRule any = null;
        for (ApprovalRule r : rules.forTool(context.workspaceId(), context.userId(), tool)) {
            if (!r.connection().isEmpty() && r.connection().equals(connection)) {
                return Optional.of(r.mode());
            }
            if (r.connection().isEmpty()) {
                any = r;
            }
        }
        return Optional.ofNullable(any).map(ApprovalRule::mode);
    }

    static String connectionOf(JsonNode input) {
        JsonNode c = input == null ? null : input.get(CONNECTION);
        return c != null && c.isString() ? c.asString() : null;
    }

    List<ApprovalRule> list(CurrentUser user) {
        return rules.list(user.workspaceId(), user.userId());
    }

    /** The tools a rule can be about for this person: every write they may use, in the catalog's order. */
    List<Tool> writeTools(CurrentUser user) {
        return catalog.available(context(user)).stream()
                .filter(t -> t.effect() != Tool.Effect.READ)
                .toList();
    }

    Optional<Tool> tool(CurrentUser user, String name) {
        return catalog.find(context(user), name);
    }

    /** Checks and stores {@code {tool, connection?, mode}}; the same tool and connection again changes the mode. */
    ApprovalRule save(CurrentUser user, JsonNode body) {
        FieldErrors errors = new FieldErrors();
        if (body == null || !body.isObject()) {
            throw ApiException.invalid("body", "must be a JSON object: {\"tool\", \"connection\"?, \"mode\"}");
        }
        String toolName =
                body.path("tool").isString() ? body.path("tool").asString().strip() : "";
        Tool tool = null;
        if (toolName.isEmpty()) {
            errors.add("tool", "is required: the name of one of your tools, e.g. \"slack_post_message\"");
        } else {
            tool = tool(user, toolName).orElse(null);
            if (tool == null) {
                errors.add("tool", "is not a tool you may use: " + toolName);
            } else if (tool.effect() == Tool.Effect.READ) {
                errors.add("tool", "only reads, and reads always run at once: a rule is for tools that write");
            }
        }
        JsonNode c = body.get(CONNECTION);
        String connection = "";
        if (c != null && !c.isNull()) {
            if (!c.isString() || c.asString().length() > 100) {
                errors.add(CONNECTION, "must be a connection id (or absent for any connection)");
            } else {
                connection = c.asString().strip();
                JsonNode allowed = tool == null ? null : tool.inputSchema().at("/properties/connection/enum");
                if (!connection.isEmpty() && tool != null && (allowed == null || !contains(allowed, connection))) {
                    errors.add(CONNECTION, "is not one of your connections for " + tool.name());
                }
            }
        }
        ApprovalRule.Mode mode = null;
        String m = body.path("mode").asString("");
        if (m.equals("always_allow") || m.equals("always_ask")) {
            mode = ApprovalRule.Mode.of(m);
        } else {
            errors.add("mode", "must be always_allow or always_ask");
        }
        errors.throwIfAny();
        Instant now = clock.instant();
        return rules.save(new ApprovalRule(
                Ids.newId(), user.workspaceId(), user.userId(), tool.name(), connection, mode, now, now));
    }

    void revoke(CurrentUser user, String id) {
        if (!rules.delete(user.workspaceId(), user.userId(), id)) {
            throw ApiException.notFound("approval rule");
        }
    }

    private static boolean contains(JsonNode values, String value) {
        return values.isArray()
                && values.valueStream().anyMatch(v -> v.asString("").equals(value));
    }

    private static ToolContext context(CurrentUser user) {
        return new ToolContext(user.workspaceId(), user.userId(), ZoneOffset.UTC, "chat", null);
    }
}
