package dev.atom.workflows.internal;

import dev.atom.ai.PersonalKeys;
import dev.atom.connectors.Connectors;
import dev.atom.connectors.Connectors.ConnectionInfo;
import dev.atom.identity.CurrentUser;
import dev.atom.shared.web.ApiException.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whose a workflow is. Every workflow has an owner ({@code created_by}); its runs act as the owner: action steps
 * on the owner's behalf ({@link Connectors.Caller}), AI steps with the owner's keys (personal ones first). A
 * workflow is <em>private</em> when it uses something of its owner's alone: a private connection, an AI step
 * while the owner holds personal AI keys, or a private sub-workflow. A private workflow and its runs are the
 * owner's alone (404 for everyone else, admins included); a shared-only one is edited by any member as before.
 *
 * <p>A saved definition may name only connections the saver may use and no one else's personal key; a member
 * editing someone else's workflow may not make it private (that would spend the owner's things on the
 * member's say). Thread-safe (stateless).
 */
@Component
class WorkflowPrivacy {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> NESTED = Set.of("steps", "then", "else", "default", "cases");
    private static final int MAX_DEPTH = 8;

    private final Connectors connectors;
    private final PersonalKeys keys;
    private final WorkflowRepository workflows;

    WorkflowPrivacy(Connectors connectors, PersonalKeys keys, WorkflowRepository workflows) {
        this.connectors = connectors;
        this.keys = keys;
        this.workflows = workflows;
    }

    /** What a definition names, each by the path of its field: connections, AI models and sub-workflows. */
    record Uses(Map<String, String> connections, Map<String, String> aiModels, Map<String, String> workflows) {}

    static Uses scan(JsonNode definition) {
        var uses = new Uses(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>());
        if (definition == null || !definition.isObject()) {
            return uses;
        }
        JsonNode trigger = definition.path("trigger").path("connection");
        if (trigger.isString()) {
            uses.connections().put("trigger.connection", trigger.asString());
        }
        JsonNode onError = definition.path("onError").path("workflow");
        if (onError.isString()) {
            uses.workflows().put("onError.workflow", onError.asString());
        }
        steps(definition.get("steps"), "steps", uses);
        return uses;
    }

    private static void steps(JsonNode list, String path, Uses uses) {
        if (list == null || !list.isArray()) {
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode s = list.get(i);
            String at = path + "[" + i + "]";
            if (!s.isObject()) {
                continue;
            }
            if (s.path("connection").isString()) {
                uses.connections().put(at + ".connection", s.get("connection").asString());
            }
            String type = s.path("type").asString("");
            if (type.equals("ai")) {
                uses.aiModels()
                        .put(
                                at + ".model",
                                s.path("model").isString() ? s.get("model").asString() : null);
            } else if (type.equals("workflow") && s.path("workflow").isString()) {
                uses.workflows().put(at + ".workflow", s.get("workflow").asString());
            }
            for (String key : NESTED) {
                JsonNode nested = s.get(key);
                if (key.equals("cases") && nested != null && nested.isArray()) {
                    for (int k = 0; k < nested.size(); k++) {
                        steps(nested.get(k).get("steps"), at + ".cases[" + k + "].steps", uses);
                    }
                } else {
                    steps(nested, at + "." + key, uses);
                }
            }
        }
    }

    /** True when the workflow (its draft or its running version) uses something private to its owner. */
    boolean isPrivate(Workflow w) {
        return isPrivate(w, 0);
    }

    private boolean isPrivate(Workflow w, int depth) {
        if (depth > MAX_DEPTH) {
            return true; // a cycle of sub-workflows: err on the private side
        }
        for (JsonNode definition : definitions(w)) {
            Uses uses = scan(definition);
            for (String id : uses.connections().values()) {
                Optional<ConnectionInfo> c = connectors.connection(w.workspaceId(), id);
                if (c.isPresent() && c.get().isPrivate()) {
                    return true;
                }
            }
            if (!uses.aiModels().isEmpty() && keys.holdsAny(w.workspaceId(), w.createdBy())) {
                return true;
            }
            for (String id : uses.workflows().values()) {
                if (!id.equals(w.id())) {
                    Optional<Workflow> child = workflows.find(w.workspaceId(), id);
                    if (child.isPresent() && isPrivate(child.get(), depth + 1)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The owner sees their workflows; everyone sees the shared-only ones. */
    boolean visibleTo(Workflow w, CurrentUser user) {
        return visibleTo(w, user.userId());
    }

    boolean visibleTo(Workflow w, String userId) {
        return w.createdBy().equals(userId) || !isPrivate(w);
    }

    /**
     * The problems, at their fields, of {@code definition} saved by {@code saver} into a workflow owned by {@code
     * owner} (the saver, for a new one): every connection must be one the saver may use, no model may name
     * someone else's personal key, and a saver who is not the owner may not make the workflow private.
     */
    List<FieldError> check(String workspaceId, JsonNode definition, String saver, String owner) {
        List<FieldError> problems = new ArrayList<>();
        Uses uses = scan(definition);
        boolean forOwner = saver.equals(owner);
        var caller = new Connectors.Caller(workspaceId, saver);
        uses.connections().forEach((path, id) -> {
            Optional<ConnectionInfo> all = connectors.connection(workspaceId, id);
            if (all.isEmpty()) {
                return; // the definition parser names unknown connections
            }
            if (connectors.connection(caller, id).isEmpty()) {
                problems.add(new FieldError(path, "no connection '" + id + "' in this workspace"));
            } else if (!forOwner && all.get().isPrivate()) {
                problems.add(new FieldError(
                        path, "is your private connection; only the workflow's owner may make it use private ones"));
            }
        });
        uses.aiModels().forEach((path, model) -> {
            Set<String> owners = keys.ownersOfKeyNamedBy(workspaceId, model);
            if (!owners.isEmpty() && !owners.contains(saver)) {
                problems.add(
                        new FieldError(path, "names another member's personal AI key; use your own or a shared one"));
            } else if (!forOwner && (owners.contains(saver) || keys.holdsAny(workspaceId, owner))) {
                problems.add(new FieldError(
                        path,
                        "would run with the workflow owner's personal AI keys; only they may add AI steps to it"));
            }
        });
        uses.workflows()
                .forEach((path, id) -> workflows.find(workspaceId, id).ifPresent(child -> {
                    if (!child.createdBy().equals(owner) && isPrivate(child)) {
                        problems.add(new FieldError(path, "no published workflow '" + id + "' in this workspace"));
                    }
                }));
        return problems;
    }

    /** True for a workflow of the user's workspace they may see (or one that no longer exists). */
    boolean workflowVisibleTo(CurrentUser user, String workflowId) {
        return workflows
                .find(user.workspaceId(), workflowId)
                .map(w -> visibleTo(w, user))
                .orElse(true);
    }

    /**
     * A run is seen by whoever sees its workflow (a run of a removed workflow stays with the workspace); an
     * action run only by the person it acted for.
     */
    boolean runVisibleTo(Run run, CurrentUser user) {
        if (ActionRunDefinitions.isActionRun(run)) { // a person's own call: their input, their output
            return user.userId()
                    .equals(JSON.readTree(run.triggerData()).path("by").asString(null));
        }
        return workflows
                .find(run.workspaceId(), run.workflowId())
                .map(w -> visibleTo(w, user))
                .orElse(true);
    }

    /** The draft and the version runs start from: either may use something private. */
    private List<JsonNode> definitions(Workflow w) {
        List<JsonNode> all = new ArrayList<>();
        all.add(JSON.readTree(w.draft()));
        if (w.activeVersion() != null) {
            workflows.version(w.workspaceId(), w.id(), w.activeVersion()).ifPresent(v -> all.add(JSON.readTree(v)));
        }
        return all;
    }
}
