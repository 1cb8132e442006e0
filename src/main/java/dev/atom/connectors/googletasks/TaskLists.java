package dev.atom.connectors.googletasks;

import dev.atom.connectors.Action;
import dev.atom.connectors.Action.Idempotency;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.GoogleRest;
import dev.atom.connectors.GoogleRest.Blame;
import dev.atom.connectors.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** The person's task lists. */
final class TaskLists {
    static final String LISTS = "/tasks/v1/users/@me/lists";

    private TaskLists() {}

    @Schema(description = "Which task lists to list")
    record ListInput(
            @Schema(description = "The next page's token, from a previous answer") @Nullable
            String pageToken) {}

    @Schema(description = "A task list")
    record TaskList(
            @Schema(description = "Its id (for the task actions)")
            String id,

            @Schema(description = "Its title") String title,

            @Schema(description = "When it last changed", format = "date-time") @Nullable
            String updated) {

        static TaskList of(JsonNode l) {
            return new TaskList(l.path("id").asString(""), l.path("title").asString(""), GoogleRest.text(l, "updated"));
        }
    }

    @Schema(description = "Task lists")
    record TaskListsPage(
            @Schema(description = "The task lists") List<TaskList> lists,

            @Schema(description = "The next page's token, when there are more") @Nullable
            String nextPageToken) {}

    @Schema(description = "A new task list")
    record CreateInput(
            @Schema(description = "Its title", minLength = 1, maxLength = 1024)
            String title) {}

    static final Action<ListInput, TaskListsPage> LIST_TASK_LISTS = BaseAction.read(
            "google-tasks.list_task_lists",
            "List task lists",
            "Lists the person's Google Tasks lists.",
            ListInput.class,
            TaskListsPage.class,
            TaskLists::list);

    // Tasks takes no idempotency key: creating twice makes two lists
    static final Action<CreateInput, TaskList> CREATE_TASK_LIST = BaseAction.write(
            "google-tasks.create_task_list",
            "Create a task list",
            "Creates a Google Tasks list.",
            CreateInput.class,
            TaskList.class,
            Idempotency.NONE,
            TaskLists::create);

    private static TaskListsPage list(ActionContext ctx, ListInput in) {
        JsonNode r = GoogleRest.get(
                ctx,
                LISTS + GoogleRest.query("maxResults", 100, "pageToken", in.pageToken()),
                Blame.of("pageToken", "the page"));
        List<TaskList> out = new ArrayList<>();
        r.path("items").forEach(l -> out.add(TaskList.of(l)));
        return new TaskListsPage(out, GoogleRest.text(r, "nextPageToken"));
    }

    private static TaskList create(ActionContext ctx, CreateInput in) {
        return TaskList.of(GoogleRest.call(
                ctx,
                "POST",
                LISTS,
                Map.of("title", GoogleRest.required(in.title(), "title")),
                Blame.of("title", "the title")));
    }
}
