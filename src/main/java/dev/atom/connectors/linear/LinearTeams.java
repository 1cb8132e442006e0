package dev.atom.connectors.linear;

import dev.atom.connectors.Action;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Teams and their workflow states: what creating and moving issues needs. */
final class LinearTeams {
    static final String TEAMS = "query Teams($first: Int) { teams(first: $first) { nodes { id key name } } }";
    static final String STATES = "query States($filter: WorkflowStateFilter, $first: Int) {"
            + " workflowStates(filter: $filter, first: $first) { nodes { id name type position team { id key } } } }";

    private LinearTeams() {}

    @Schema(description = "Nothing to choose")
    record TeamsInput() {}

    @Schema(description = "A Linear team")
    record Team(
            @Schema(description = "Team id") String id,

            @Schema(description = "Its key, the prefix of its issues (ENG)")
            String key,

            @Schema(description = "Name") String name) {}

    @Schema(description = "The teams you can see")
    record Teams(@Schema(description = "The teams") List<Team> teams) {}

    @Schema(description = "Whose workflow states to list")
    record StatesInput(
            @Schema(description = "Only this team's states (its id)") @Nullable
            String teamId) {}

    @Schema(description = "A workflow state")
    record State(
            @Schema(description = "State id") String id,

            @Schema(description = "Name (Todo, In Progress, Done...)")
            String name,

            @Schema(description = "triage, backlog, unstarted, started, completed or canceled")
            String type,

            @Schema(description = "The team's key") @Nullable
            String team) {}

    @Schema(description = "Workflow states")
    record States(@Schema(description = "The states") List<State> states) {}

    static final Action<TeamsInput, Teams> LIST_TEAMS = BaseAction.read(
            "linear.list_teams",
            "List teams",
            "Lists the Linear teams you can see, with their ids and keys.",
            TeamsInput.class,
            Teams.class,
            LinearTeams::teams);

    static final Action<StatesInput, States> LIST_STATES = BaseAction.read(
            "linear.list_states",
            "List workflow states",
            "Lists the workflow states (Todo, In Progress, Done...) of a Linear team, or of every team.",
            StatesInput.class,
            States.class,
            LinearTeams::states);

    private static Teams teams(ActionContext ctx, TeamsInput in) {
        List<Team> out = new ArrayList<>();
        LinearApi.query(ctx, TEAMS, Map.of("first", 100), null)
                .path("teams")
                .path("nodes")
                .forEach(t -> out.add(new Team(
                        t.path("id").asString(""),
                        t.path("key").asString(""),
                        t.path("name").asString(""))));
        return new Teams(out);
    }

    private static States states(ActionContext ctx, StatesInput in) {
        Map<String, Object> vars = new LinkedHashMap<>();
        if (in.teamId() != null) {
            vars.put("filter", Map.of("team", Map.of("id", Map.of("eq", in.teamId()))));
        }
        vars.put("first", 250);
        List<State> out = new ArrayList<>();
        LinearApi.query(ctx, STATES, vars, new LinearApi.Blame("teamId", "the Linear team"))
                .path("workflowStates")
                .path("nodes")
                .forEach(s -> out.add(new State(
                        s.path("id").asString(""),
                        s.path("name").asString(""),
                        s.path("type").asString(""),
                        LinearApi.text(s.path("team").get("key")))));
        return new States(out);
    }
}
