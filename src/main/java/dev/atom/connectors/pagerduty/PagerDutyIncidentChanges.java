package dev.atom.connectors.pagerduty;

import dev.atom.connectors.Action;
import dev.atom.connectors.Action.Idempotency;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.Schema;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Acknowledging, resolving and adding notes to incidents. */
final class PagerDutyIncidentChanges {
    private PagerDutyIncidentChanges() {}

    @Schema(description = "A note on an incident")
    record NoteInput(
            @Schema(description = "The incident's id") String incidentId,

            @Schema(description = "The note", minLength = 1, maxLength = 25000)
            String content) {}

    @Schema(description = "A note")
    record Note(
            @Schema(description = "Note id") String id,

            @Schema(description = "The text") String content,

            @Schema(description = "Who wrote it") @Nullable String user,

            @Schema(description = "When", format = "date-time") @Nullable
            String createdAt) {}

    // setting a status is safe to repeat
    static final Action<PagerDutyIncidents.IncidentRef, PagerDutyIncident> ACKNOWLEDGE = BaseAction.write(
            "pagerduty.acknowledge_incident",
            "Acknowledge an incident",
            "Acknowledges a PagerDuty incident, so escalation stops while someone works on it.",
            PagerDutyIncidents.IncidentRef.class,
            PagerDutyIncident.class,
            Idempotency.NATURAL,
            (ctx, in) -> status(ctx, in, "acknowledged"));

    static final Action<PagerDutyIncidents.IncidentRef, PagerDutyIncident> RESOLVE = BaseAction.write(
            "pagerduty.resolve_incident",
            "Resolve an incident",
            "Resolves a PagerDuty incident.",
            PagerDutyIncidents.IncidentRef.class,
            PagerDutyIncident.class,
            Idempotency.NATURAL,
            (ctx, in) -> status(ctx, in, "resolved"));

    static final Action<NoteInput, Note> ADD_NOTE = BaseAction.write(
            "pagerduty.add_note",
            "Add a note",
            "Adds a note to a PagerDuty incident's timeline.",
            NoteInput.class,
            Note.class,
            Idempotency.NONE,
            PagerDutyIncidentChanges::note);

    private static PagerDutyIncident status(ActionContext ctx, PagerDutyIncidents.IncidentRef in, String status) {
        var body = Map.of("incident", Map.of("type", "incident_reference", "status", status));
        return PagerDutyIncident.of(PagerDutyApi.send(
                        ctx,
                        "PUT",
                        "/incidents/" + PagerDutyApi.seg(in.incidentId()),
                        body,
                        PagerDutyIncidents.INCIDENT)
                .path("incident"));
    }

    private static Note note(ActionContext ctx, NoteInput in) {
        JsonNode n = PagerDutyApi.send(
                        ctx,
                        "POST",
                        "/incidents/" + PagerDutyApi.seg(in.incidentId()) + "/notes",
                        Map.of("note", Map.of("content", in.content())),
                        PagerDutyIncidents.INCIDENT)
                .path("note");
        return new Note(
                n.path("id").asString(""),
                n.path("content").asString(""),
                PagerDutyApi.text(n.path("user").get("summary")),
                PagerDutyApi.text(n.get("created_at")));
    }
}
