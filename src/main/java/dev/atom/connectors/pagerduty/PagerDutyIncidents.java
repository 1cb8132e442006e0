package dev.atom.connectors.pagerduty;

import dev.atom.connectors.Action;
import dev.atom.connectors.Action.Idempotency;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.Schema;
import dev.atom.connectors.pagerduty.PagerDutyApi.Blame;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Listing, reading and creating incidents. */
final class PagerDutyIncidents {
    static final Blame INCIDENT = new Blame("incidentId", "the PagerDuty incident");

    private PagerDutyIncidents() {}

    enum Status {
        triggered,
        acknowledged,
        resolved
    }

    enum Urgency {
        high,
        low
    }

    @Schema(description = "Which incidents to list")
    record ListInput(
            @Schema(description = "Only these statuses (default: triggered and acknowledged)") @Nullable
            List<Status> statuses,

            @Schema(description = "Only incidents of these services (their ids)") @Nullable
            List<String> serviceIds,

            @Schema(description = "Only incidents assigned to you") @Nullable
            Boolean assignedToMe,

            @Schema(description = "From this time", format = "date-time") @Nullable
            String since,

            @Schema(description = "Until this time", format = "date-time") @Nullable
            String until,

            @Schema(description = "Incidents per page, 1-100 (default 25)", minimum = 1, maximum = 100) @Nullable
            Integer limit,

            @Schema(description = "How many to skip (paging)", minimum = 0) @Nullable
            Integer offset) {}

    @Schema(description = "Incidents, newest first")
    record Incidents(
            @Schema(description = "The incidents") List<PagerDutyIncident> incidents,

            @Schema(description = "True when there are more (raise offset)")
            boolean more) {}

    @Schema(description = "One incident")
    record IncidentRef(
            @Schema(description = "The incident's id (PT4KHLK)")
            String incidentId) {}

    @Schema(description = "A new incident")
    record CreateInput(
            @Schema(description = "Title", minLength = 1, maxLength = 1024)
            String title,

            @Schema(description = "The service's id (PWIXJZS)")
            String serviceId,

            @Schema(description = "high or low (the service's default when left out)") @Nullable
            Urgency urgency,

            @Schema(description = "Details for responders") @Nullable
            String details,

            @Schema(description = "Escalation policy id (instead of the service's)") @Nullable
            String escalationPolicyId,

            @Schema(description = "User ids to assign it to (not with an escalation policy)") @Nullable
            List<String> assigneeIds) {}

    static final Action<ListInput, Incidents> LIST = BaseAction.read(
            "pagerduty.list_incidents",
            "List incidents",
            "Lists PagerDuty incidents by status, service or assignment to you.",
            ListInput.class,
            Incidents.class,
            PagerDutyIncidents::list);

    static final Action<IncidentRef, PagerDutyIncident> GET = BaseAction.read(
            "pagerduty.get_incident",
            "Get an incident",
            "Reads one PagerDuty incident.",
            IncidentRef.class,
            PagerDutyIncident.class,
            PagerDutyIncidents::get);

    // the idempotency key becomes the incident_key: PagerDuty refuses a second open incident with it
    static final Action<CreateInput, PagerDutyIncident> CREATE = BaseAction.write(
                    "pagerduty.create_incident",
                    "Create an incident",
                    "Opens a PagerDuty incident on a service, paging its on-call responders.",
                    CreateInput.class,
                    PagerDutyIncident.class,
                    Idempotency.KEY,
                    PagerDutyIncidents::create)
            .reachingPeople();

    private static Incidents list(ActionContext ctx, ListInput in) {
        List<Map.Entry<String, String>> q = new ArrayList<>();
        List<Status> statuses = in.statuses() == null || in.statuses().isEmpty()
                ? List.of(Status.triggered, Status.acknowledged)
                : in.statuses();
        statuses.forEach(s -> q.add(Map.entry("statuses[]", s.name())));
        if (in.serviceIds() != null) {
            in.serviceIds().forEach(s -> q.add(Map.entry("service_ids[]", s)));
        }
        if (Boolean.TRUE.equals(in.assignedToMe())) {
            q.add(Map.entry("user_ids[]", PagerDutyApi.me(ctx).path("id").asString("")));
        }
        if (in.since() != null) {
            q.add(Map.entry("since", in.since()));
        }
        if (in.until() != null) {
            q.add(Map.entry("until", in.until()));
        }
        q.add(Map.entry("sort_by", "created_at:desc"));
        q.add(Map.entry("limit", String.valueOf(in.limit() == null ? 25 : Math.max(1, Math.min(100, in.limit())))));
        q.add(Map.entry("offset", String.valueOf(in.offset() == null ? 0 : Math.max(0, in.offset()))));
        JsonNode r = PagerDutyApi.get(ctx, "/incidents", q, new Blame("serviceIds", "a PagerDuty service"));
        List<PagerDutyIncident> out = new ArrayList<>();
        r.path("incidents").forEach(n -> out.add(PagerDutyIncident.of(n)));
        return new Incidents(out, r.path("more").asBoolean(false));
    }

    private static PagerDutyIncident get(ActionContext ctx, IncidentRef in) {
        return PagerDutyIncident.of(
                PagerDutyApi.get(ctx, "/incidents/" + PagerDutyApi.seg(in.incidentId()), List.of(), INCIDENT)
                        .path("incident"));
    }

    private static PagerDutyIncident create(ActionContext ctx, CreateInput in) {
        Map<String, Object> incident = new LinkedHashMap<>();
        incident.put("type", "incident");
        incident.put("title", in.title());
        incident.put("service", Map.of("id", in.serviceId(), "type", "service_reference"));
        if (in.urgency() != null) {
            incident.put("urgency", in.urgency().name());
        }
        if (in.details() != null) {
            incident.put("body", Map.of("type", "incident_body", "details", in.details()));
        }
        ctx.idempotencyKey().ifPresent(k -> incident.put("incident_key", k));
        if (in.escalationPolicyId() != null) {
            incident.put(
                    "escalation_policy", Map.of("id", in.escalationPolicyId(), "type", "escalation_policy_reference"));
        }
        if (in.assigneeIds() != null && !in.assigneeIds().isEmpty()) {
            incident.put(
                    "assignments",
                    in.assigneeIds().stream()
                            .map(id -> Map.of("assignee", Map.of("id", id, "type", "user_reference")))
                            .toList());
        }
        Blame blame = new Blame(
                "serviceId",
                "the PagerDuty service",
                Map.of(
                        "title",
                        "title",
                        "service",
                        "serviceId",
                        "escalation",
                        "escalationPolicyId",
                        "assign",
                        "assigneeIds",
                        "from",
                        "from_email"));
        return PagerDutyIncident.of(PagerDutyApi.send(ctx, "POST", "/incidents", Map.of("incident", incident), blame)
                .path("incident"));
    }
}
