package dev.atom.workflows.internal;

import dev.atom.identity.CurrentUser;
import dev.atom.identity.Members;
import dev.atom.shared.web.ApiException;
import dev.atom.tools.PageItem;
import dev.atom.tools.Tool;
import dev.atom.tools.ToolContext;
import dev.atom.tools.ToolResult;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The assistant's workflow tools: list, run and show a run, through {@link WorkflowService} and {@link RunService}
 * as the API calls them, so a member sees only workflows and runs {@link WorkflowPrivacy} lets them see. Running
 * one is an {@link Tool.Effect#EXTERNAL_WRITE}: a run may write anywhere its steps reach.
 */
@Configuration(proxyBeanMethods = false)
class WorkflowTools {
    static final int MAX_OUTPUT = 2_000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * "This run" for the assistant's page context: what workflows_show_run answers, when the caller may see the
     * run. Its output and errors may carry text from the apps its steps reached, so it counts as outside text.
     */
    @Bean
    PageItem runPageItem(@Qualifier("workflowsShowRunTool") Tool show) {
        return PageItem.of(
                "run",
                (context, id) -> show.call(context, NODES.objectNode().put("id", id)) instanceof ToolResult.Done done
                        ? Optional.of(new PageItem.Described("run " + id, done.output(), true))
                        : Optional.empty());
    }

    /** "This workflow" for the assistant's page context: a workflow the caller may see, with its draft. */
    @Bean
    PageItem workflowPageItem(Members members, WorkflowService workflows) {
        return PageItem.of(
                "workflow",
                (context, id) -> asCaller(members, context, user -> workflows.get(user, id))
                        .map(w -> {
                            ObjectNode o = NODES.objectNode()
                                    .put("id", w.id())
                                    .put("name", w.name())
                                    .put("published", w.activeVersion() != null)
                                    .put("enabled", w.enabled())
                                    .put("trigger", WorkflowService.triggerType(w))
                                    .put("definition", cap(w.draft(), MAX_OUTPUT))
                                    .put("link", "/automations/" + w.id() + "/edit");
                            return new PageItem.Described(w.name(), o, false);
                        }));
    }

    @Bean
    Tool workflowsListTool(Members members, WorkflowService workflows) {
        return new WorkflowTool(
                members,
                "workflows_list",
                "Lists the automations (workflows) the user may see, with ids, names, whether published and on,"
                        + " and their trigger type. Optionally filtered by words in the name.",
                schema(NODES.objectNode().set("q", prop("string", "Words in the workflow's name"))),
                Tool.Effect.READ) {
            @Override
            ToolResult run(CurrentUser user, JsonNode input) {
                String q = text(input, "q");
                ObjectNode out = NODES.objectNode();
                ArrayNode items = out.putArray("workflows");
                for (Workflow w : workflows.list(user)) {
                    if (q != null && !w.name().toLowerCase(Locale.ROOT).contains(q.toLowerCase(Locale.ROOT))) {
                        continue;
                    }
                    items.addObject()
                            .put("id", w.id())
                            .put("name", w.name())
                            .put("published", w.activeVersion() != null)
                            .put("enabled", w.enabled())
                            .put("trigger", WorkflowService.triggerType(w))
                            .put("link", "/automations/" + w.id() + "/edit");
                }
                return new ToolResult.Done(out, "Listed " + items.size() + " workflows", null);
            }
        };
    }

    @Bean
    Tool workflowsRunTool(Members members, WorkflowService workflows, RunService runs) {
        ObjectNode props = NODES.objectNode();
        props.set("id", prop("string", "The workflow's id (from workflows_list)"));
        props.set("input", NODES.objectNode().put("type", "object").put("description", "The run's input, if any"));
        return new WorkflowTool(
                members,
                "workflows_run",
                "Starts a run of a published workflow now, with an optional input. Returns the run id; use"
                        + " workflows_show_run to follow it.",
                schema(props, "id"),
                Tool.Effect.EXTERNAL_WRITE) {
            @Override
            ToolResult run(CurrentUser user, JsonNode input) {
                Workflow w = workflows.get(user, required(input, "id"));
                JsonNode runInput = input.get("input");
                String runId = runs.runNow(user, w.id(), runInput == null || runInput.isNull() ? null : runInput);
                ObjectNode out = NODES.objectNode()
                        .put("runId", runId)
                        .put("status", "queued")
                        .put("link", "/runs/" + runId);
                return new ToolResult.Done(out, "Started a run of “" + w.name() + "”", null);
            }

            @Override
            public String preview(ToolContext context, JsonNode input) {
                return as(context, user -> {
                            Workflow w = workflows.get(user, required(input, "id"));
                            JsonNode runInput = input.get("input");
                            return "runs workflow “" + w.name() + "” (version " + w.activeVersion() + ") as you"
                                    + (runInput == null || runInput.isNull() || runInput.isEmpty()
                                            ? ""
                                            : " with input " + cap(runInput.toString(), 300))
                                    + "; it may write to every app its steps use";
                        })
                        .orElse(name());
            }
        };
    }

    @Bean
    Tool workflowsShowRunTool(Members members, RunService runs) {
        return new WorkflowTool(
                members,
                "workflows_show_run",
                "Shows a workflow run: its status, error, output and each step's status and error.",
                schema(NODES.objectNode().set("id", prop("string", "The run's id")), "id"),
                Tool.Effect.READ) {
            @Override
            ToolResult run(CurrentUser user, JsonNode input) {
                Run run = runs.get(user, required(input, "id"));
                ObjectNode out = NODES.objectNode()
                        .put("id", run.id())
                        .put("workflowId", run.workflowId())
                        .put("status", run.status().wire())
                        .put("error", run.error())
                        .put("output", run.output() == null ? null : cap(run.output(), MAX_OUTPUT))
                        .put("createdAt", String.valueOf(run.createdAt()))
                        .put(
                                "finishedAt",
                                run.finishedAt() == null
                                        ? null
                                        : run.finishedAt().toString())
                        .put("link", "/runs/" + run.id());
                ArrayNode steps = out.putArray("steps");
                for (StepState s : runs.steps(run)) {
                    steps.addObject()
                            .put("id", s.stepId())
                            .put("status", s.status().wire())
                            .put("error", s.error());
                }
                return new ToolResult.Done(
                        out, "Run " + run.id() + " " + run.status().wire(), null);
            }
        };
    }

    /** A workflow tool run as its caller; refusals of the services become failures naming the field. */
    abstract static class WorkflowTool implements Tool {
        private final Members members;
        private final String name;
        private final String description;
        private final ObjectNode schema;
        private final Effect effect;

        WorkflowTool(Members members, String name, String description, ObjectNode schema, Effect effect) {
            this.members = members;
            this.name = name;
            this.description = description;
            this.schema = schema;
            this.effect = effect;
        }

        abstract ToolResult run(CurrentUser user, JsonNode input);

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return description;
        }

        @Override
        public JsonNode inputSchema() {
            return schema.deepCopy();
        }

        @Override
        public Effect effect() {
            return effect;
        }

        @Override
        public ToolResult call(ToolContext context, JsonNode input) {
            return as(context, user -> {
                        try {
                            return run(user, input == null ? NODES.objectNode() : input);
                        } catch (ApiException e) {
                            if (!e.errors().isEmpty()) {
                                var f = e.errors().getFirst();
                                return new ToolResult.Failed(f.field() + " " + f.message(), f.field());
                            }
                            return (ToolResult) new ToolResult.Failed(e.getMessage(), null);
                        }
                    })
                    .orElseGet(() -> new ToolResult.Failed("You are not a member of this workspace", null));
        }

        /** {@code body} as the caller, empty when they are not a member (or a preview's lookup was refused). */
        <T> Optional<T> as(ToolContext context, Function<CurrentUser, T> body) {
            return asCaller(members, context, body);
        }
    }

    /** {@code body} as the caller, empty when they are not a member or the lookup was refused (404 or 403 alike). */
    static <T> Optional<T> asCaller(Members members, ToolContext context, Function<CurrentUser, T> body) {
        var member = members.find(context.workspaceId(), context.userId());
        if (member.isEmpty()) {
            return Optional.empty();
        }
        var m = member.get();
        try {
            return Optional.ofNullable(
                    body.apply(new CurrentUser(m.userId(), m.email(), m.name(), context.workspaceId(), m.role())));
        } catch (ApiException e) {
            return Optional.empty();
        }
    }

    private static ObjectNode schema(ObjectNode properties, String... required) {
        ObjectNode s = NODES.objectNode().put("type", "object");
        s.set("properties", properties);
        ArrayNode r = s.putArray("required");
        for (String f : required) {
            r.add(f);
        }
        s.put("additionalProperties", false);
        return s;
    }

    private static ObjectNode prop(String type, String description) {
        return NODES.objectNode().put("type", type).put("description", description);
    }

    private static String text(JsonNode input, String field) {
        JsonNode v = input.get(field);
        return v == null || !v.isString() || v.asString().isBlank()
                ? null
                : v.asString().strip();
    }

    private static String required(JsonNode input, String field) {
        String v = text(input, field);
        if (v == null) {
            throw ApiException.invalid(field, "is required");
        }
        return v;
    }

    private static String cap(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
