package dev.atom.workspace.briefing;

import dev.atom.connectors.Connectors;
import dev.atom.workspace.sync.VisibleConnections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Connections whose credentials stopped working, among those the viewer may use ({@link VisibleConnections}:
 * shared ones and their own private ones), then the viewer's own connections whose sign-in ends soon by itself
 * (with the workflows that would stop), each linking to its row on the connections page.
 */
@Component
class ReconnectSection implements BriefingSection {
    static final String NEEDS_RECONNECT = "needs_reconnect";

    private final Connectors connectors;
    private final JdbcClient jdbc;

    ReconnectSection(Connectors connectors, JdbcClient jdbc) {
        this.connectors = connectors;
        this.jdbc = jdbc;
    }

    @Override
    public SectionKind kind() {
        return SectionKind.CONNECTIONS;
    }

    @Override
    public List<BriefingItem.Reconnect> items(BriefingRequest request) {
        List<Connectors.ConnectionInfo> broken = connectors.connections(request.workspaceId()).stream()
                .filter(c -> NEEDS_RECONNECT.equals(c.status()))
                .toList();
        List<BriefingItem.Reconnect> soon = expiringSoon(request);
        if (broken.isEmpty()) {
            return soon.stream().limit(request.limit()).toList();
        }
        Set<String> visible = new HashSet<>(jdbc.sql("SELECT c.id FROM connections c WHERE c.workspace_id = :ws"
                        + " AND c.id IN (:ids) AND " + VisibleConnections.CONDITION)
                .param("ws", request.workspaceId())
                .param("ids", broken.stream().map(Connectors.ConnectionInfo::id).toList())
                .param("viewer", request.viewerId())
                .query(String.class)
                .list());
        return java.util.stream.Stream.concat(
                        broken.stream()
                                .filter(c -> visible.contains(c.id()))
                                .map(c -> new BriefingItem.Reconnect(
                                        c.id(),
                                        c.name(),
                                        connectors
                                                .connector(c.connector())
                                                .map(k -> k.name())
                                                .orElse(c.connector()),
                                        c.statusReason(),
                                        "/connections#connection-" + c.id())),
                        soon.stream())
                .limit(request.limit())
                .toList();
    }

    /**
     * The viewer's own connections whose sign-in ends soon (only their owner can reconnect them), before they
     * break: the reason says when, why, and which workflows would stop.
     */
    private List<BriefingItem.Reconnect> expiringSoon(BriefingRequest request) {
        return connectors.expiringSoon(request.workspaceId(), request.viewerId()).stream()
                .map(c -> new BriefingItem.Reconnect(
                        c.id(),
                        c.name(),
                        connectors.connector(c.connector()).map(k -> k.name()).orElse(c.connector()),
                        "sign-in ends by " + c.expiresAt() + " (" + c.why() + "): reconnect before then"
                                + (c.usedBy().isEmpty() ? "" : "; these would stop: " + String.join(", ", c.usedBy())),
                        "/connections#connection-" + c.id()))
                .toList();
    }
}
