package dev.atom.connectors.gitlab;

import static dev.atom.connectors.gitlab.GitLabApi.args;
import static dev.atom.connectors.gitlab.GitLabApi.text;

import dev.atom.connectors.Action;
import dev.atom.connectors.Action.Idempotency;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.Schema;
import dev.atom.connectors.gitlab.GitLabApi.Blame;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** CI/CD pipelines: list, read, retry the failed jobs. */
final class GitLabPipelines {
    static final Blame PIPELINE = new Blame("pipelineId", "the GitLab pipeline");

    private GitLabPipelines() {}

    enum Status {
        created,
        waiting_for_resource,
        preparing,
        pending,
        running,
        success,
        failed,
        canceled,
        skipped,
        manual,
        scheduled
    }

    @Schema(description = "Which pipelines to list")
    record ListInput(
            @Schema(description = "Project id or path (group/app)")
            String project,

            @Schema(description = "Only pipelines in this status (failed, running, success...)") @Nullable
            Status status,

            @Schema(description = "Only pipelines of this branch or tag") @Nullable
            String ref,

            @Schema(description = "Pipelines per page, 1-100 (default 20)", minimum = 1, maximum = 100) @Nullable
            Integer perPage,

            @Schema(description = "The page to read (nextPage of the previous answer)") @Nullable
            Integer page) {}

    @Schema(description = "One pipeline")
    record Ref(
            @Schema(description = "Project id or path (group/app)")
            String project,

            @Schema(description = "The pipeline's id", minimum = 1)
            long pipelineId) {}

    @Schema(description = "A GitLab CI/CD pipeline")
    record Pipeline(
            @Schema(description = "Pipeline id") long id,

            @Schema(description = "The project's numeric id")
            long projectId,

            @Schema(description = "created, pending, running, success, failed, canceled, skipped, manual...")
            String status,

            @Schema(description = "The branch or tag") String ref,

            @Schema(description = "The commit") String sha,

            @Schema(description = "What started it: push, merge_request_event, schedule, web...") @Nullable
            String source,

            @Schema(description = "The pipeline's page", format = "uri") @Nullable
            String webUrl,

            @Schema(description = "When it was created", format = "date-time") @Nullable
            String createdAt,

            @Schema(description = "Last change", format = "date-time") @Nullable
            String updatedAt) {

        static Pipeline of(JsonNode n) {
            return new Pipeline(
                    n.path("id").asLong(),
                    n.path("project_id").asLong(),
                    n.path("status").asString(""),
                    n.path("ref").asString(""),
                    n.path("sha").asString(""),
                    text(n.get("source")),
                    text(n.get("web_url")),
                    text(n.get("created_at")),
                    text(n.get("updated_at")));
        }
    }

    @Schema(description = "Pipelines, newest first")
    record Pipelines(
            @Schema(description = "The pipelines") List<Pipeline> pipelines,

            @Schema(description = "The next page, when there is one") @Nullable
            Integer nextPage) {}

    static final Action<ListInput, Pipelines> LIST = BaseAction.read(
            "gitlab.list_pipelines",
            "List pipelines",
            "Lists a GitLab project's CI/CD pipelines, newest first, by status or branch.",
            ListInput.class,
            Pipelines.class,
            GitLabPipelines::list);

    static final Action<Ref, Pipeline> GET = BaseAction.read(
            "gitlab.get_pipeline",
            "Get a pipeline",
            "Reads one GitLab pipeline and its status.",
            Ref.class,
            Pipeline.class,
            GitLabPipelines::get);

    // retrying a pipeline whose failed jobs were already retried starts nothing new
    static final Action<Ref, Pipeline> RETRY = BaseAction.write(
            "gitlab.retry_pipeline",
            "Retry a pipeline",
            "Retries the failed or canceled jobs of a GitLab pipeline.",
            Ref.class,
            Pipeline.class,
            Idempotency.NATURAL,
            GitLabPipelines::retry);

    private static Pipelines list(ActionContext ctx, ListInput in) {
        var reply = GitLabApi.get(
                ctx,
                GitLabApi.project(in.project()) + "/pipelines",
                args(
                        "status", in.status(),
                        "ref", in.ref(),
                        "per_page", GitLabApi.perPage(in.perPage()),
                        "page", in.page()),
                null);
        List<Pipeline> out = new ArrayList<>();
        reply.json().forEach(n -> out.add(Pipeline.of(n)));
        return new Pipelines(out, GitLabIssues.page(reply.nextPage()));
    }

    private static Pipeline get(ActionContext ctx, Ref in) {
        return Pipeline.of(GitLabApi.get(
                        ctx, GitLabApi.project(in.project()) + "/pipelines/" + in.pipelineId(), Map.of(), PIPELINE)
                .json());
    }

    private static Pipeline retry(ActionContext ctx, Ref in) {
        return Pipeline.of(GitLabApi.send(
                ctx,
                "POST",
                GitLabApi.project(in.project()) + "/pipelines/" + in.pipelineId() + "/retry",
                Map.of(),
                PIPELINE));
    }
}
