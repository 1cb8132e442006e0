package dev.atom.connectors.tools;

import dev.atom.connectors.ActionRuns;
import dev.atom.connectors.Connector;
import dev.atom.connectors.Connectors;
import dev.atom.tools.Tool;
import dev.atom.tools.ToolContext;
import dev.atom.tools.ToolSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * One tool per action of every connector the caller has a usable connection of: the tools of a person follow
 * their connections (theirs and the shared ones), one query per request. Action schemas are derived once and kept.
 * Thread-safe.
 */
@Component
class ConnectionActionTools implements ToolSource {
    private final Connectors connectors;
    private final ActionRuns runs;
    private final Duration sendDelay;
    private final Map<String, Optional<Connectors.ActionInfo>> actions = new ConcurrentHashMap<>();

    /** {@code sendDelay}: how long a call that reaches people waits, so that it can still be stopped. */
    ConnectionActionTools(
            Connectors connectors, ActionRuns runs, @Value("${atom.assistant.send-delay:10s}") Duration sendDelay) {
        this.connectors = connectors;
        this.runs = runs;
        this.sendDelay = sendDelay;
    }

    @Override
    public List<Tool> tools(ToolContext context) {
        Connectors.Caller caller = new Connectors.Caller(context.workspaceId(), context.userId());
        Map<String, List<Connectors.ConnectionInfo>> byConnector = new TreeMap<>();
        for (Connectors.ConnectionInfo c : connectors.connections(caller)) {
            byConnector.computeIfAbsent(c.connector(), k -> new ArrayList<>()).add(c);
        }
        List<Tool> tools = new ArrayList<>();
        byConnector.forEach((connectorId, connections) -> {
            Optional<Connector> connector = connectors.connector(connectorId);
            if (connector.isEmpty()) {
                return;
            }
            connections.sort(
                    Comparator.comparing(Connectors.ConnectionInfo::name).thenComparing(Connectors.ConnectionInfo::id));
            for (var action : connector.get().actions()) {
                actions.computeIfAbsent(action.id(), connectors::action)
                        .ifPresent(info -> tools.add(
                                new ConnectionActionTool(connectors, runs, sendDelay, info, connections, caller)));
            }
        });
        return tools;
    }
}
