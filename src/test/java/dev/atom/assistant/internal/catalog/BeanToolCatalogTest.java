package dev.atom.assistant.internal.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.tools.Tool;
import dev.atom.tools.ToolContext;
import dev.atom.tools.ToolResult;
import dev.atom.tools.ToolSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The catalog over beans and sources, and how well retrieval picks tools: over a catalog shaped like the real
 * one (the workspace's tools and 80 connector actions), the tool a request needs is among the 8 given to the
 * model for every request of the set below (recall@8 is printed; it must stay 1.0).
 */
class BeanToolCatalogTest {
    private static final ToolContext ANN = new ToolContext("ws", "ann", ZoneOffset.UTC, "chat", null);
    private static final ToolContext BEN = new ToolContext("ws", "ben", ZoneOffset.UTC, "chat", null);

    record NamedTool(String name, String description, String onlyFor) implements Tool {
        @Override
        public JsonNode inputSchema() {
            return JsonNodeFactory.instance.objectNode().put("type", "object");
        }

        @Override
        public Effect effect() {
            return Effect.READ;
        }

        @Override
        public boolean availableTo(ToolContext context) {
            return onlyFor == null || onlyFor.equals(context.userId());
        }

        @Override
        public ToolResult call(ToolContext context, JsonNode input) {
            return new ToolResult.Done(JsonNodeFactory.instance.objectNode(), name, null);
        }
    }

    private static final List<NamedTool> WORKSPACE = List.of(
            tool("tasks_create", "Create a task for the person, with an optional due date and time, priority, tags."),
            tool("tasks_list", "List the person's tasks: due today, this week, overdue, or matching words."),
            tool("tasks_update", "Change a task's title, notes, due date or priority."),
            tool("tasks_complete", "Mark a task as done by its id."),
            tool("tasks_delete", "Delete a task by its id."),
            tool("calendar_list", "List calendar events between two times: the agenda of a day or a week."),
            tool("calendar_find_time", "Find free time slots of a given length, optionally with other attendees."),
            tool("calendar_create", "Create a calendar event with a title, start, end and attendees."),
            tool("calendar_move", "Move a calendar event to another start time."),
            tool("calendar_cancel", "Cancel (delete) a calendar event."),
            tool("inbox_search", "Search the unified inbox: mail and chat messages from every connected account."),
            tool("inbox_read", "Read one message of the inbox with its thread."),
            tool("inbox_reply", "Reply to a message in the inbox; the reply is sent from the account it came to."),
            tool("inbox_archive", "Archive a message of the inbox."),
            tool("search", "Search everything in Atom: tasks, events, messages, files, issues, workflows."),
            tool("briefing", "Today's briefing: meetings, tasks due, important messages, failed runs."),
            tool("workflows_list", "List the workspace's automations (workflows)."),
            tool("workflows_run", "Run a workflow (automation) now with an input."),
            tool("workflows_show_run", "Show a workflow run: its status, steps and output."));

    private static NamedTool tool(String name, String description) {
        return new NamedTool(name, description, null);
    }

    /** 80 connector actions: 16 services with 5 actions each, as a connection-bound source gives them. */
    private static List<Tool> connectorActions() {
        List<Tool> out = new ArrayList<>();
        Map<String, String> services = Map.ofEntries(
                Map.entry("slack", "Slack channel message"),
                Map.entry("github", "GitHub repository issue pull request"),
                Map.entry("jira", "Jira project issue ticket"),
                Map.entry("notion", "Notion page database"),
                Map.entry("trello", "Trello board card list"),
                Map.entry("hubspot", "HubSpot CRM contact deal"),
                Map.entry("stripe", "Stripe customer invoice payment"),
                Map.entry("airtable", "Airtable base table record"),
                Map.entry("dropbox", "Dropbox file folder"),
                Map.entry("drive", "Google Drive file folder document"),
                Map.entry("linear", "Linear issue project cycle"),
                Map.entry("asana", "Asana project task section"),
                Map.entry("discord", "Discord server channel message"),
                Map.entry("twilio", "Twilio SMS text message phone"),
                Map.entry("sheets", "Google Sheets spreadsheet row cell"),
                Map.entry("zendesk", "Zendesk support ticket customer"));
        for (var s : services.entrySet()) {
            String what = s.getValue();
            for (String verb : List.of("create", "update", "get", "list", "delete")) {
                out.add(tool(
                        s.getKey() + "_" + verb,
                        "%s: %s a %s in %s through the connection.".formatted(s.getKey(), verb, what, what)));
            }
        }
        return out;
    }

    private static BeanToolCatalog catalog(List<? extends Tool> fixed, ToolSource source) {
        var beans = new StaticListableBeanFactory();
        for (Tool t : fixed) {
            beans.addBean("tool-" + t.name() + "-" + System.identityHashCode(t), t);
        }
        if (source != null) {
            beans.addBean("source", source);
        }
        return new BeanToolCatalog(beans.getBeanProvider(Tool.class), beans.getBeanProvider(ToolSource.class));
    }

    @Test
    void offersBeansAndSourcesToWhoMayUseThemInAStableOrder() {
        Tool annsAction = new NamedTool("slack_send", "Send a Slack message.", "ann");
        var catalog = catalog(
                List.of(tool("tasks_list", "List tasks."), tool("briefing", "Briefing."), tool("briefing", "Twin.")),
                context -> List.of(annsAction));
        assertThat(catalog.available(ANN))
                .extracting(Tool::name)
                .containsExactly("briefing", "slack_send", "tasks_list");
        assertThat(catalog.available(ANN).get(0).description())
                .as("the first of two with one name")
                .isEqualTo("Briefing.");
        assertThat(catalog.available(BEN)).extracting(Tool::name).containsExactly("briefing", "tasks_list");
        assertThat(catalog.find(ANN, "slack_send")).contains(annsAction);
        assertThat(catalog.find(BEN, "slack_send")).isEmpty();
        assertThat(catalog.relevant(BEN, "anything", List.of(), 5))
                .as("a small catalog is given whole")
                .hasSize(2);
    }

    @Test
    void relevantAlwaysKeepsToolsAlreadyUsedAndNeverExceedsTheLimit() {
        var catalog = catalog(WORKSPACE, context -> connectorActions());
        List<Tool> picked = catalog.relevant(ANN, "remind me to call Dana tomorrow", List.of("stripe_get", "gone"), 4);
        assertThat(picked).hasSize(4);
        assertThat(picked.get(0).name()).isEqualTo("stripe_get");
        assertThat(picked).extracting(Tool::name).contains("tasks_create").doesNotContain("gone");
        assertThat(catalog.relevant(ANN, "hello there", List.of(), 8))
                .as("nothing matches")
                .isEmpty();
    }

    @Test
    void theIndexIsBuiltOncePerToolSetAndFollowsAChangedSet() {
        List<Tool> annsActions = new ArrayList<>(connectorActions());
        var catalog = catalog(WORKSPACE, context -> List.copyOf(annsActions));
        List<String> first = catalog.relevant(ANN, "send a slack message", List.of(), 4).stream()
                .map(Tool::name)
                .toList();
        assertThat(catalog.relevant(ANN, "send a slack message", List.of(), 4))
                .extracting(Tool::name)
                .containsExactlyElementsOf(first);
        assertThat(catalog.cachedIndexes()).isEqualTo(1);

        annsActions.add(tool("gmail_send", "Gmail: send an email message to someone through the connection."));
        assertThat(catalog.relevant(ANN, "send an email to Dana", List.of(), 4))
                .as("a new connection's action is found at once")
                .extracting(Tool::name)
                .contains("gmail_send");
        assertThat(catalog.cachedIndexes()).isEqualTo(2);
    }

    @Test
    void retrievalFindsTheToolARequestNeedsAmong8Of99() {
        var catalog = catalog(WORKSPACE, context -> connectorActions());
        assertThat(catalog.available(ANN)).hasSize(99);
        Map<String, String> requests = Map.ofEntries(
                Map.entry("remind me to call Dana tomorrow at 3pm", "tasks_create"),
                Map.entry("todo: buy milk", "tasks_create"),
                Map.entry("what tasks are overdue?", "tasks_list"),
                Map.entry("mark the report task as done", "tasks_complete"),
                Map.entry("what's on my calendar today", "calendar_list"),
                Map.entry("find a free slot of 30 minutes with Lee this week", "calendar_find_time"),
                Map.entry("block 2 hours for deep work tomorrow at 9", "calendar_create"),
                Map.entry("move my dentist appointment to Friday", "calendar_move"),
                Map.entry("cancel the meeting with Bob", "calendar_cancel"),
                Map.entry("did Dana email me about the lease?", "inbox_search"),
                Map.entry("reply to Lee's mail saying yes", "inbox_reply"),
                Map.entry("archive that newsletter message", "inbox_archive"),
                Map.entry("search for the budget spreadsheet", "search"),
                Map.entry("give me my briefing for today", "briefing"),
                Map.entry("run the weekly report automation", "workflows_run"),
                Map.entry("post a message in the #general Slack channel", "slack_create"),
                Map.entry("open a GitHub issue about the login bug", "github_create"),
                Map.entry("create a Jira ticket for the outage", "jira_create"),
                Map.entry("add a card to the Trello board", "trello_create"),
                Map.entry("send an SMS to +1555 with Twilio", "twilio_create"));
        int found = 0;
        List<String> missed = new ArrayList<>();
        for (var r : requests.entrySet()) {
            List<String> names = catalog.relevant(ANN, r.getKey(), List.of(), 8).stream()
                    .map(Tool::name)
                    .toList();
            if (names.contains(r.getValue())) {
                found++;
            } else {
                missed.add(r.getKey() + " -> " + names);
            }
        }
        System.out.printf("tool retrieval recall@8: %d/%d%n", found, requests.size());
        assertThat(missed).isEmpty();
    }
}
