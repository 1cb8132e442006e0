package dev.atom.workspace.tools;

import dev.atom.identity.CurrentUser;
import dev.atom.shared.web.ApiException;
import dev.atom.tools.Tool;
import dev.atom.tools.ToolContext;
import dev.atom.tools.ToolResult;
import tools.jackson.databind.JsonNode;

/**
 * A workspace tool made of its facts and three small functions: the call (run as the caller through {@link
 * ToolCalls}), the effect of one call and its preview. Stateless and thread-safe when the functions are.
 */
public final class WorkspaceTool implements Tool {

    /** Does the work as {@code user}; refusals may be thrown as {@link ApiException}s. */
    public interface Call {
        ToolResult call(CurrentUser user, ToolContext context, JsonNode input);
    }

    /** The effect of one call, or its preview line: as {@code user}, reads only. */
    public interface About<T> {
        T of(CurrentUser user, ToolContext context, JsonNode input);
    }

    private final ToolCalls calls;
    private final String name;
    private final String description;
    private final JsonNode schema;
    private final Effect effect;
    private final boolean destructive;
    private final Call call;
    private final About<Effect> effectOf;
    private final About<String> preview;

    private WorkspaceTool(Builder b) {
        this.calls = b.calls;
        this.name = b.name;
        this.description = b.description;
        this.schema = b.schema;
        this.effect = b.effect;
        this.destructive = b.destructive;
        this.call = b.call;
        this.effectOf = b.effectOf;
        this.preview = b.preview;
    }

    public static Builder builder(ToolCalls calls, String name, Effect effect) {
        return new Builder(calls, name, effect);
    }

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
    public Effect effectOf(ToolContext context, JsonNode input) {
        if (effectOf == null) {
            return effect;
        }
        // when the effect cannot be worked out (unknown id, no longer a member) the stricter one is answered
        return about(effectOf, context, input, Effect.EXTERNAL_WRITE);
    }

    @Override
    public boolean destructive() {
        return destructive;
    }

    @Override
    public String preview(ToolContext context, JsonNode input) {
        return preview == null ? name : about(preview, context, input, name);
    }

    @Override
    public ToolResult call(ToolContext context, JsonNode input) {
        return calls.run(context, user -> call.call(user, context, input));
    }

    private <T> T about(About<T> about, ToolContext context, JsonNode input, T fallback) {
        var user = calls.user(context);
        if (user.isEmpty()) {
            return fallback;
        }
        try {
            T answer = about.of(user.get(), context, input);
            return answer == null ? fallback : answer;
        } catch (ApiException e) {
            return fallback;
        }
    }

    /** The facts and functions of one tool. */
    public static final class Builder {
        private final ToolCalls calls;
        private final String name;
        private final Effect effect;
        private String description = "";
        private JsonNode schema = Schemas.object().build();
        private boolean destructive;
        private Call call;
        private About<Effect> effectOf;
        private About<String> preview;

        private Builder(ToolCalls calls, String name, Effect effect) {
            this.calls = calls;
            this.name = name;
            this.effect = effect;
        }

        public Builder description(String text) {
            this.description = text;
            return this;
        }

        public Builder schema(JsonNode inputSchema) {
            this.schema = inputSchema;
            return this;
        }

        public Builder destructive() {
            this.destructive = true;
            return this;
        }

        public Builder effectOf(About<Effect> about) {
            this.effectOf = about;
            return this;
        }

        public Builder preview(About<String> about) {
            this.preview = about;
            return this;
        }

        public WorkspaceTool call(Call body) {
            this.call = body;
            return new WorkspaceTool(this);
        }
    }
}
