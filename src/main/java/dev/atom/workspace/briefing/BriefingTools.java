package dev.atom.workspace.briefing;

import static dev.atom.workspace.tools.Inputs.JSON;

import dev.atom.ai.CallSource;
import dev.atom.shared.web.FieldErrors;
import dev.atom.tools.Tool;
import dev.atom.tools.Tool.Effect;
import dev.atom.tools.ToolResult;
import dev.atom.workspace.tools.Inputs;
import dev.atom.workspace.tools.Schemas;
import dev.atom.workspace.tools.ToolCalls;
import dev.atom.workspace.tools.WorkspaceTool;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The assistant's {@code briefing}: the caller's day from {@link BriefingService}, as {@code GET /api/v1/briefing}
 * makes it, with its offline summary (the assistant's own model writes the answer, so no second model call).
 */
@Configuration(proxyBeanMethods = false)
class BriefingTools {
    static final int MAX_ITEMS = 10;

    @Bean
    Tool briefingTool(ToolCalls calls, BriefingService briefings) {
        return WorkspaceTool.builder(calls, "briefing", Effect.READ)
                .description("The user's daily briefing: meetings and free gaps, due and overdue tasks, important"
                        + " messages, approvals waiting, failed runs and connections to fix, with a summary.")
                .schema(Schemas.object()
                        .string("date", "The day, ISO-8601 such as 2026-03-02; default today", false)
                        .build())
                .call((user, context, input) -> {
                    BriefingParams params = BriefingParams.parse(
                            Inputs.text(input, "date"),
                            ToolCalls.zone(context).getId(),
                            "offline",
                            briefings.now(),
                            ToolCalls.zone(context),
                            new FieldErrors());
                    Briefing b =
                            briefings.briefing(user.workspaceId(), user.userId(), user.role(), params, CallSource.CHAT);
                    return new ToolResult.Done(compact(b), "Briefing for " + b.date(), null);
                });
    }

    /** The briefing with at most {@link #MAX_ITEMS} items a section and without the section bookkeeping. */
    static ObjectNode compact(Briefing b) {
        ObjectNode all = JSON.valueToTree(b);
        ObjectNode out = JSON.createObjectNode();
        out.put("date", b.date().toString());
        out.put("timeZone", b.timeZone());
        out.put("summary", b.summary() == null ? null : b.summary().text());
        for (String section :
                new String[] {"meetings", "gaps", "tasks", "messages", "approvals", "failedRuns", "connections"}) {
            JsonNode items = all.get(section);
            if (items == null || !items.isArray()) {
                continue;
            }
            ArrayNode cut = out.putArray(section);
            for (int i = 0; i < Math.min(items.size(), MAX_ITEMS); i++) {
                cut.add(items.get(i));
            }
            if (items.size() > MAX_ITEMS) {
                out.put(section + "LeftOut", items.size() - MAX_ITEMS);
            }
        }
        return out;
    }
}
