package dev.atom.connectors.microsofttodo;

import dev.atom.connectors.Action;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseConnector;
import dev.atom.connectors.Health;
import dev.atom.connectors.MicrosoftGraph;
import dev.atom.connectors.SyncFeed;
import dev.atom.connectors.Trigger;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Microsoft To Do through Microsoft Graph: task lists and tasks (list, get, create, update, complete, delete),
 * a changed-task trigger (delta query) and the tasks feed of the unified task list. OAuth 2.0 on the Microsoft
 * identity platform; scopes: {@code Tasks.ReadWrite} (the person's own lists and tasks, nothing shared by
 * others' tenants), {@code User.Read} for the health check and {@code offline_access}.
 */
@Component
class MicrosoftTodoConnector extends BaseConnector {
    private static final List<Action<?, ?>> ACTIONS = List.of(
            TodoTasks.LIST_LISTS,
            TodoTasks.LIST_TASKS,
            TodoTasks.GET_TASK,
            TodoTasks.CREATE_TASK,
            TodoTasks.UPDATE_TASK,
            TodoTasks.COMPLETE_TASK,
            TodoTasks.DELETE_TASK);

    MicrosoftTodoConnector() {
        super(
                "microsoft-todo",
                "Microsoft To Do",
                MicrosoftGraph.BASE_URL,
                List.of("productivity"),
                MicrosoftGraph.oauth2("Tasks.ReadWrite"));
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
    public List<Trigger> triggers() {
        return List.of(new TodoTaskChangedTrigger());
    }

    @Override
    public List<SyncFeed> syncFeeds() {
        return List.of(new TodoTasksFeed());
    }

    @Override
    public Health check(ActionContext context) {
        return MicrosoftGraph.me(context);
    }
}
