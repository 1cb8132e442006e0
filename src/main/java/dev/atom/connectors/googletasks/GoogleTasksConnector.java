package dev.atom.connectors.googletasks;

import dev.atom.connectors.Action;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseConnector;
import dev.atom.connectors.GoogleRest;
import dev.atom.connectors.Health;
import dev.atom.connectors.SyncFeed;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Google Tasks: task lists and their tasks (list, get, create, update, complete, delete), and the person's open
 * tasks in Atom's unified task list ({@link GoogleTasksFeed}), where completing one completes it at Google. The
 * scope is {@code tasks} ({@code tasks.readonly} cannot write).
 */
@Component
class GoogleTasksConnector extends BaseConnector {
    static final String SCOPE = "https://www.googleapis.com/auth/tasks";

    private static final List<Action<?, ?>> ACTIONS = List.of(
            TaskLists.LIST_TASK_LISTS,
            TaskLists.CREATE_TASK_LIST,
            Tasks.LIST_TASKS,
            Tasks.GET_TASK,
            Tasks.CREATE_TASK,
            Tasks.UPDATE_TASK,
            Tasks.COMPLETE_TASK,
            Tasks.DELETE_TASK);
    private static final List<SyncFeed> FEEDS = List.of(new GoogleTasksFeed());

    GoogleTasksConnector() {
        super(
                "google-tasks",
                "Google Tasks",
                "https://tasks.googleapis.com",
                List.of("productivity"),
                GoogleRest.oauth(SCOPE));
    }

    /** A person's own tasks: connections are private to whoever made them unless shared on purpose. */
    @Override
    public boolean readsPersonalData() {
        return true;
    }

    @Override
    public List<Action<?, ?>> actions() {
        return ACTIONS;
    }

    @Override
    public List<SyncFeed> syncFeeds() {
        return FEEDS;
    }

    /** The first task list: one small authenticated read, allowed by the scope. */
    @Override
    public Health check(ActionContext context) {
        var lists = GoogleRest.get(context, TaskLists.LISTS + GoogleRest.query("maxResults", 1), null);
        return Health.ok(GoogleRest.text(lists.path("items").path(0), "title"));
    }
}
