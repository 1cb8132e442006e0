package dev.atom.workspace.tasks;

import dev.atom.identity.CurrentUser;
import dev.atom.identity.Role;
import dev.atom.shared.web.ApiException;
import dev.atom.shared.web.FieldErrors;
import dev.atom.tools.Tool;
import dev.atom.tools.ToolContext;
import dev.atom.tools.ToolResult;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Tools with real effects on Atom's tasks for the assistant's tests (named {@code test_*} so they never clash
 * with the workspace's own task tools): create (own write, undone by delete), delete and get, all through the
 * real {@link TaskService}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TaskToolsForTests {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static CurrentUser caller(ToolContext context) {
        return new CurrentUser(context.userId(), "", "", context.workspaceId(), Role.MEMBER);
    }

    record TaskTool(String name, String description, String schema, Effect effect, Call body) implements Tool {
        interface Call {
            ToolResult call(ToolContext context, JsonNode input);
        }

        @Override
        public JsonNode inputSchema() {
            return JSON.readTree(schema);
        }

        @Override
        public String preview(ToolContext context, JsonNode input) {
            return name + " " + input;
        }

        @Override
        public ToolResult call(ToolContext context, JsonNode input) {
            try {
                return body.call(context, input);
            } catch (ApiException e) {
                String field = e.errors().isEmpty() ? null : e.errors().get(0).field();
                return new ToolResult.Failed(e.getMessage(), field);
            }
        }
    }

    @Bean
    Tool testTasksCreate(TaskService tasks) {
        return new TaskTool(
                "test_tasks_create",
                "Create a task for the person with a title and an optional due date.",
                """
                {"type":"object","properties":{"title":{"type":"string","minLength":1,"maxLength":500},
                 "dueAt":{"type":"string"}},"required":["title"],"additionalProperties":false}""",
                Tool.Effect.OWN_WRITE,
                (context, input) -> {
                    FieldErrors errors = new FieldErrors();
                    Task task = tasks.create(caller(context), TaskInput.parse(input, true, errors), errors);
                    return new ToolResult.Done(
                            JsonNodeFactory.instance
                                    .objectNode()
                                    .put("id", task.id())
                                    .put("title", task.title()),
                            "Created task \u201c" + task.title() + "\u201d",
                            new ToolResult.Undo(
                                    "test_tasks_delete",
                                    JsonNodeFactory.instance.objectNode().put("id", task.id()),
                                    "Deleted task \u201c" + task.title() + "\u201d"));
                });
    }

    @Bean
    Tool testTasksDelete(TaskService tasks) {
        return new TaskTool(
                "test_tasks_delete", "Delete a task by its id.", """
                {"type":"object","properties":{"id":{"type":"string"}},"required":["id"]}""", Tool.Effect.OWN_WRITE, (context, input) -> {
                    Task task = tasks.get(caller(context), input.get("id").asString());
                    tasks.delete(caller(context), task.id());
                    return new ToolResult.Done(
                            JsonNodeFactory.instance.objectNode().put("deleted", task.id()),
                            "Deleted task \u201c" + task.title() + "\u201d",
                            null);
                });
    }

    @Bean
    Tool testTasksGet(TaskService tasks) {
        return new TaskTool("test_tasks_get", "Read one task by its id.", """
                {"type":"object","properties":{"id":{"type":"string"}},"required":["id"]}""", Tool.Effect.READ, (context, input) -> {
            Task task = tasks.get(caller(context), input.get("id").asString());
            return new ToolResult.Done(
                    JsonNodeFactory.instance.objectNode().put("id", task.id()).put("title", task.title()),
                    task.title(),
                    null);
        });
    }
}
