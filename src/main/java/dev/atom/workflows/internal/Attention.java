package dev.atom.workflows.internal;

import dev.atom.identity.CurrentUser;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * What needs the user's attention in their automations: the workspace's open alerts in words a person
 * reads. The page layout asks {@link #openCount} (as {@code @attention}) for the badge in the main menu, so
 * the count costs one query per page rendered and nothing on API calls. Thread-safe.
 */
@Component("attention")
public class Attention {
    private static final Map<String, String> TITLES = Map.of(
            Watchdog.SILENT, "Has not fired as often as expected",
            Watchdog.FAILING, "Its trigger keeps failing",
            Watchdog.RECONNECT, "A connection it uses needs reconnecting");

    /** One open alert, ready to show. */
    record Item(String workflowId, String workflowName, String kind, String title, String detail, String since) {}

    private final AlertRepository alerts;
    private final WorkflowService workflows;

    Attention(AlertRepository alerts, WorkflowService workflows) {
        this.alerts = alerts;
        this.workflows = workflows;
    }

    /** Open alerts in the signed-in user's workspace; 0 when nobody is signed in. */
    public int openCount(CurrentUser user) {
        return user == null ? 0 : alerts.countOpen(user.workspaceId());
    }

    int openFor(CurrentUser user, String workflowId) {
        return alerts.open(user.workspaceId(), workflowId).size();
    }

    List<Item> items(CurrentUser user) {
        Map<String, Workflow> byId =
                workflows.list(user).stream().collect(Collectors.toMap(Workflow::id, Function.identity()));
        return alerts.open(user.workspaceId(), null).stream()
                .filter(a -> byId.containsKey(a.workflowId()))
                .map(a -> new Item(
                        a.workflowId(),
                        byId.get(a.workflowId()).name(),
                        a.kind(),
                        TITLES.getOrDefault(a.kind(), a.kind()),
                        a.detail(),
                        RunsPageController.time(a.since())))
                .toList();
    }
}
