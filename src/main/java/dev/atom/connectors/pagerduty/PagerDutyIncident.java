package dev.atom.connectors.pagerduty;

import static dev.atom.connectors.pagerduty.PagerDutyApi.text;

import dev.atom.connectors.Schema;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A PagerDuty incident as actions and the webhook return it. */
@Schema(description = "A PagerDuty incident")
record PagerDutyIncident(
        @Schema(description = "Incident id (PT4KHLK)") String id,

        @Schema(description = "Its number in the account") long number,

        @Schema(description = "Title") String title,

        @Schema(description = "triggered, acknowledged or resolved")
        String status,

        @Schema(description = "high or low") @Nullable String urgency,

        @Schema(description = "The service's id") @Nullable String serviceId,

        @Schema(description = "The service's name") @Nullable
        String service,

        @Schema(description = "Names of whom it is assigned to")
        List<String> assignees,

        @Schema(description = "The incident key (de-duplication key)") @Nullable
        String incidentKey,

        @Schema(description = "The incident's page", format = "uri") @Nullable
        String url,

        @Schema(description = "When it was created", format = "date-time") @Nullable
        String createdAt) {

    static PagerDutyIncident of(JsonNode n) {
        List<String> assignees = new ArrayList<>();
        n.path("assignments").forEach(a -> {
            String who = text(a.path("assignee").get("summary"));
            if (who != null) {
                assignees.add(who);
            }
        });
        n.path("assignees").forEach(a -> {
            String who = text(a.get("summary"));
            if (who != null) {
                assignees.add(who);
            }
        });
        return new PagerDutyIncident(
                n.path("id").asString(""),
                n.path("incident_number").asLong(n.path("number").asLong(0)),
                n.path("title").asString(n.path("summary").asString("")),
                n.path("status").asString(""),
                text(n.get("urgency")),
                text(n.path("service").get("id")),
                text(n.path("service").get("summary")),
                assignees,
                text(n.get("incident_key")),
                text(n.get("html_url")),
                text(n.get("created_at")));
    }
}
