package dev.atom.workspace.tools;

import dev.atom.identity.CurrentUser;
import dev.atom.identity.Members;
import dev.atom.shared.web.ApiException;
import dev.atom.tools.ToolContext;
import dev.atom.tools.ToolResult;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Runs a workspace tool as its caller: the same {@link CurrentUser} a route would get (so every service applies
 * the same privacy rules), and the route's answers for bad input or unknown ids turned into {@link
 * ToolResult.Failed} naming the field, which the model reads as data. Thread-safe.
 */
@Component("workspaceToolCalls") // the assistant module has its own ToolCalls bean
public class ToolCalls {
    private final Members members;

    ToolCalls(Members members) {
        this.members = members;
    }

    /** The caller as a route sees them; empty when they are no longer a member of the workspace. */
    public Optional<CurrentUser> user(ToolContext context) {
        if (context == null || context.workspaceId() == null || context.userId() == null) {
            return Optional.empty();
        }
        return members.find(context.workspaceId(), context.userId())
                .map(m -> new CurrentUser(m.userId(), m.email(), m.name(), context.workspaceId(), m.role()));
    }

    /** Runs {@code body} as the caller; a refused request (400, 404, 409...) becomes a failure naming the field. */
    public ToolResult run(ToolContext context, Function<CurrentUser, ToolResult> body) {
        Optional<CurrentUser> user = user(context);
        if (user.isEmpty()) {
            return new ToolResult.Failed("You are not a member of this workspace", null);
        }
        try {
            return body.apply(user.get());
        } catch (ApiException e) {
            return failed(e);
        }
    }

    /**
     * Reads something as the caller, as a route would; empty when they are no longer a member or the read is
     * refused (another's private item and a missing one alike: 404s are not told apart).
     */
    public <T> Optional<T> read(ToolContext context, Function<CurrentUser, T> read) {
        try {
            return user(context).map(read);
        } catch (ApiException e) {
            return Optional.empty();
        }
    }

    /** An API refusal as a tool failure: the first bad field and what is wrong with it, else the message. */
    public static ToolResult.Failed failed(ApiException e) {
        if (!e.errors().isEmpty()) {
            ApiException.FieldError first = e.errors().getFirst();
            return new ToolResult.Failed(first.field() + " " + first.message(), first.field());
        }
        return new ToolResult.Failed(e.getMessage(), null);
    }

    /** The zone the caller's dates and times are read in (UTC when the context has none). */
    public static ZoneId zone(ToolContext context) {
        return context.timeZone() == null ? ZoneOffset.UTC : context.timeZone();
    }

    /** At most {@code max} characters of {@code text}, with an ellipsis when cut; null stays null. */
    public static String cap(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, Math.max(0, max - 1)) + "…";
    }
}
