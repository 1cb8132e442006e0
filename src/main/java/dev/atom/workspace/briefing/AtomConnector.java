package dev.atom.workspace.briefing;

import dev.atom.connectors.Action;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.AuthSpec;
import dev.atom.connectors.BaseConnector;
import dev.atom.connectors.Health;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Atom's own actions for workflows, registered like any connector (no authentication, so they run without a
 * connection, as {@code http.request} does): {@code atom.briefing} for now. It lives in the workspace module
 * because the workflow engine must not depend on the workspace; the engine passes the run's owner in the
 * {@link ActionContext#actingUserId()}.
 */
@Component
class AtomConnector extends BaseConnector {
    private final BriefingAction briefing;

    AtomConnector(BriefingAction briefing) {
        super("atom", "Atom", null, List.of("core"), new AuthSpec.None());
        this.briefing = briefing;
    }

    @Override
    public String icon() {
        return "atom";
    }

    @Override
    public List<Action<?, ?>> actions() {
        return List.of(briefing);
    }

    @Override
    public Health check(ActionContext context) {
        return new Health(null, "Atom's own data: nothing to connect");
    }
}
