package dev.atom.workspace.tasks;

import dev.atom.workspace.search.SearchDocument;
import dev.atom.workspace.search.SearchSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * Atom's own tasks for search: every member of the workspace sees them (as on the tasks page), so they carry no
 * connection and no owner. Due tasks rank and filter by their due date, others by their last change.
 */
@Component
class TaskSearchSource implements SearchSource {
    static final String TYPE = "task";
    private static final int BATCH = 1_000;

    private final TaskRepository tasks;

    TaskSearchSource(TaskRepository tasks) {
        this.tasks = tasks;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void forEach(Consumer<SearchDocument> sink) {
        String after = null;
        while (true) {
            List<Task> batch = tasks.allAfter(after, BATCH);
            batch.forEach(t -> sink.accept(document(t)));
            if (batch.size() < BATCH) {
                return;
            }
            after = batch.getLast().id();
        }
    }

    static SearchDocument document(Task t) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("status", t.status().wire());
        if (t.project() != null) {
            fields.put("project", t.project());
        }
        if (!t.tags().isEmpty()) {
            fields.put("tags", String.join(" ", t.tags()));
        }
        return new SearchDocument(
                TYPE,
                t.id(),
                t.workspaceId(),
                null,
                null,
                t.title(),
                t.notes(),
                "Atom tasks",
                t.dueAt() != null ? t.dueAt() : t.updatedAt(),
                "/tasks#task-" + t.id(),
                fields);
    }
}
