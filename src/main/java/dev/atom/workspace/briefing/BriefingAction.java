package dev.atom.workspace.briefing;

import dev.atom.ai.CallSource;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.Schema;
import dev.atom.identity.Members;
import dev.atom.identity.TimeZones;
import dev.atom.shared.web.ApiException;
import dev.atom.shared.web.FieldErrors;
import dev.atom.shared.web.PublicUrl;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code atom.briefing}: the daily briefing of the workflow's owner, with a plain-text and a Markdown form ready
 * for an e-mail or a Slack message, so a schedule can send it. Reads only; what it shows is what the owner
 * sees on their home page (their private connections, the approvals they may decide).
 */
@Component
class BriefingAction extends BaseAction<BriefingAction.Input, BriefingAction.Output> {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Looked up on use: the briefing reads the workflows, whose engine needs the connectors (this among them). */
    private final ObjectProvider<BriefingService> briefingService;

    private final Members members;
    private final TimeZones zones;
    private final PublicUrl publicUrl;

    BriefingAction(ObjectProvider<BriefingService> briefings, Members members, TimeZones zones, PublicUrl publicUrl) {
        super(
                "atom.briefing",
                "Daily briefing",
                "The workflow owner's briefing for a day: meetings, tasks due and overdue, important unread"
                        + " messages, approvals waiting, failed runs and connections to reconnect, with text and"
                        + " Markdown forms to send by e-mail or Slack",
                Input.class,
                Output.class,
                false,
                Idempotency.NATURAL);
        this.briefingService = briefings;
        this.members = members;
        this.zones = zones;
        this.publicUrl = publicUrl;
    }

    @Schema(description = "Which day's briefing")
    record Input(
            @Schema(description = "The day (ISO date); today in the time zone by default", examples = "\"2026-12-05\"")
            @Nullable
            String date,

            @Schema(
                    description = "IANA time zone or offset for the day and the times shown; UTC by default",
                    examples = "\"Europe/Berlin\"")
            @Nullable
            String timeZone,

            @Schema(
                    description = "ai to have the owner's model write the summary (offline when it cannot)",
                    examples = "\"offline\"")
            @Nullable
            String summary) {}

    record Output(
            @Schema(description = "The day (ISO date)") String date,

            @Schema(description = "The time zone of the times shown")
            String timeZone,

            @Schema(description = "One readable paragraph: the counts, or the model's summary")
            String summary,

            @Schema(description = "The whole briefing as plain text with links, for an e-mail body")
            String text,

            @Schema(description = "The whole briefing as Markdown with links, for chat apps that render Markdown")
            String markdown,

            @Schema(description = "The whole briefing in Slack's mrkdwn (bold headings, <url|text> links)")
            String slack,

            @Schema(
                    description =
                            "Items per section (meetings, tasks, messages, approvals, failedRuns," + " connections)")
            Map<String, Integer> counts,

            @Schema(description = "The structured briefing, as GET /api/v1/briefing answers it")
            JsonNode briefing) {}

    @Override
    public Output execute(ActionContext context, Input input) {
        BriefingService briefings = briefingService.getObject();
        String owner = context.actingUserId()
                .orElseThrow(() -> new ConnectorException.Permanent(
                        0, "atom.briefing runs in a workflow, for the workflow's owner"));
        String workspaceId = context.connection().workspaceId();
        var member = members.find(workspaceId, owner)
                .orElseThrow(() -> new ConnectorException.Permanent(
                        0, "the workflow's owner is no longer a member of this workspace"));
        BriefingParams params;
        try {
            params = BriefingParams.parse(
                    input.date(),
                    input.timeZone(),
                    input.summary(),
                    briefings.now(),
                    zones.of(owner),
                    new FieldErrors());
        } catch (ApiException e) {
            throw new ConnectorException.InvalidInput(e.errors().stream()
                    .map(f -> new ConnectorException.FieldProblem(f.field(), f.message()))
                    .toList());
        }
        Briefing b = briefings.briefing(workspaceId, owner, member.role(), params, CallSource.WORKFLOW);
        Map<String, Integer> counts = new LinkedHashMap<>();
        b.sections().forEach((name, status) -> counts.put(name, status.count()));
        return new Output(
                b.date().toString(),
                b.timeZone(),
                b.summary().text(),
                BriefingText.plain(b, this::absolute),
                BriefingText.markdown(b, this::absolute),
                BriefingText.slack(b, this::absolute),
                counts,
                JSON.valueToTree(b));
    }

    private String absolute(String link) {
        return link.startsWith("/") ? publicUrl.of(link) : link;
    }
}
