package dev.atom.connectors.internal;

import dev.atom.connectors.ConnectionUsage;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Every module's {@link ConnectionUsage} together: who uses the workspace's connections. Thread-safe. */
@Component
class ConnectionUsers {
    private final ObjectProvider<ConnectionUsage> usages;

    ConnectionUsers(ObjectProvider<ConnectionUsage> usages) {
        this.usages = usages;
    }

    /** What {@code viewerId} may see of who uses the workspace's connections. */
    List<ConnectionUsage.Use> uses(String workspaceId, String viewerId) {
        List<ConnectionUsage.Use> all = new ArrayList<>();
        usages.orderedStream().forEach(u -> all.addAll(u.uses(workspaceId, viewerId)));
        return all;
    }
}
