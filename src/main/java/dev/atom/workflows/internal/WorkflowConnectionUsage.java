package dev.atom.workflows.internal;

import dev.atom.connectors.ConnectionUsage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells the connections module which workflows use which connection: any {@code "connection"} field in a
 * workflow's draft or active version (steps and triggers alike), among the workflows the viewer may see (another
 * member's private workflow stays unnamed, as everywhere else). Thread-safe.
 */
@Component
class WorkflowConnectionUsage implements ConnectionUsage {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final WorkflowRepository workflows;
    private final WorkflowPrivacy privacy;

    WorkflowConnectionUsage(WorkflowRepository workflows, WorkflowPrivacy privacy) {
        this.workflows = workflows;
        this.privacy = privacy;
    }

    @Override
    public List<Use> uses(String workspaceId, String viewerId) {
        List<Use> uses = new ArrayList<>();
        for (Workflow w : workflows.list(workspaceId)) {
            if (!privacy.visibleTo(w, viewerId)) {
                continue;
            }
            Set<String> connections = new LinkedHashSet<>();
            collect(JSON.readTree(w.draft()), connections);
            if (w.activeVersion() != null) {
                workflows
                        .version(workspaceId, w.id(), w.activeVersion())
                        .ifPresent(v -> collect(JSON.readTree(v), connections));
            }
            connections.forEach(c -> uses.add(new Use(c, "workflow", w.id(), w.name())));
        }
        return uses;
    }

    private static void collect(JsonNode node, Set<String> into) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("connection") && e.getValue().isString()) {
                    into.add(e.getValue().asString());
                } else {
                    collect(e.getValue(), into);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, into));
        }
    }
}
