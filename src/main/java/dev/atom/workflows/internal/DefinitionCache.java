package dev.atom.workflows.internal;

import dev.atom.connectors.Connectors;
import dev.atom.shared.web.ApiException.FieldError;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Published versions parsed once: a version never changes, so (workflow, version) is a safe key. Thread-safe.
 * The cache is bounded by the number of published versions alive; {@link #forget} drops a deleted workflow's.
 */
@Component
class DefinitionCache {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final WorkflowRepository workflows;
    private final Connectors connectors;
    private final Templates templates;
    private final ConcurrentHashMap<String, Definition> cache = new ConcurrentHashMap<>();

    DefinitionCache(WorkflowRepository workflows, Connectors connectors, Templates templates) {
        this.workflows = workflows;
        this.connectors = connectors;
        this.templates = templates;
    }

    /**
     * The definition a run is pinned to. Throws {@link InvalidDefinition} when it no longer checks out (a
     * connection it uses was deleted, say): the run fails with the reasons.
     */
    Definition get(String workspaceId, String workflowId, int version) {
        String key = workflowId + "@" + version;
        Definition cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        String json = workflows
                .version(workspaceId, workflowId, version)
                .orElseThrow(() -> new InvalidDefinition("version " + version + " of the workflow no longer exists"));
        DefinitionParser parser = new DefinitionParser(connectors, workspaceId, templates);
        Definition parsed = parser.parse(JSON.readTree(json));
        if (parsed == null) {
            throw new InvalidDefinition(describe(parser.problems()));
        }
        cache.put(key, parsed);
        return parsed;
    }

    void forget(String workflowId) {
        cache.keySet().removeIf(k -> k.startsWith(workflowId + "@"));
    }

    static String describe(List<FieldError> problems) {
        return problems.stream().map(p -> p.field() + ": " + p.message()).collect(Collectors.joining("; "));
    }

    /** A stored version that does not parse or check any more. */
    static final class InvalidDefinition extends RuntimeException {
        InvalidDefinition(String message) {
            super(message, null, false, false);
        }
    }
}
