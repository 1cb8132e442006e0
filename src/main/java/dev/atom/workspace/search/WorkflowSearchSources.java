package dev.atom.workspace.search;

import dev.atom.workflows.WorkflowSearchItems;
import dev.atom.workflows.WorkflowSearchItems.RunItem;
import dev.atom.workflows.WorkflowSearchItems.WorkflowItem;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Workflows and their runs for search (the workflows module must not depend on search, so the adapter lives
 * here): a private workflow (one that uses its owner's private connections or keys) and its runs carry the owner,
 * so only they find them; since privacy also changes when a connection or key does, hits are checked again at
 * read time ({@link SearchSource#hiddenFrom}). Changes arrive as {@code WorkflowItemsChanged} (see {@link
 * WorkflowChangesListener}).
 */
@Configuration(proxyBeanMethods = false)
class WorkflowSearchSources {
    static final String WORKFLOW = "workflow";
    static final String RUN = "run";
    static final String SOURCE = "Atom workflows";

    @Bean
    SearchSource workflowSource(WorkflowSearchItems items) {
        return new Source(WORKFLOW, items) {
            @Override
            public void forEach(Consumer<SearchDocument> sink) {
                items.forEachWorkflow(w -> sink.accept(document(w)));
            }

            @Override
            public Set<String> hiddenFrom(String workspaceId, String userId, Collection<String> ids) {
                return items.hiddenFrom(workspaceId, userId, ids, List.of());
            }
        };
    }

    @Bean
    SearchSource runSource(WorkflowSearchItems items) {
        return new Source(RUN, items) {
            @Override
            public void forEach(Consumer<SearchDocument> sink) {
                items.forEachRun(r -> sink.accept(document(r)));
            }

            @Override
            public Set<String> hiddenFrom(String workspaceId, String userId, Collection<String> ids) {
                return items.hiddenFrom(workspaceId, userId, List.of(), ids);
            }
        };
    }

    private abstract static class Source implements SearchSource {
        private final String type;
        final WorkflowSearchItems items;

        Source(String type, WorkflowSearchItems items) {
            this.type = type;
            this.items = items;
        }

        @Override
        public String type() {
            return type;
        }
    }

    static SearchDocument document(WorkflowItem w) {
        return new SearchDocument(
                WORKFLOW,
                w.id(),
                w.workspaceId(),
                null,
                w.ownerOnly() ? w.ownerId() : null,
                w.name(),
                "",
                SOURCE,
                w.updatedAt(),
                "/automations/" + w.id() + "/edit",
                Map.of());
    }

    /** A run reads as its workflow's name and its status ("Daily digest failed"); its error is the body. */
    static SearchDocument document(RunItem r) {
        return new SearchDocument(
                RUN,
                r.id(),
                r.workspaceId(),
                null,
                r.ownerOnly() ? r.ownerId() : null,
                r.workflowName() + " " + r.status(),
                r.error() == null ? "" : r.error(),
                SOURCE,
                r.time(),
                "/runs/" + r.id(),
                Map.of("status", r.status()));
    }
}
