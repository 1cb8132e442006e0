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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Merge requests: list, read, comment. */
final class GitLabMergeRequests {
    static final Blame MERGE_REQUEST = new Blame("mergeRequestIid", "the GitLab merge request");

    private GitLabMergeRequests() {}

    enum State {
        opened,
        closed,
        locked,
        merged,
        all
    }

    @Schema(description = "Which merge requests to list")
    record ListInput(
            @Schema(description = "Project id or path (group/app)")
            String project,

            @Schema(description = "opened (default), closed, locked, merged or all") @Nullable
            State state,

            @Schema(description = "Merge requests per page, 1-100 (default 20)", minimum = 1, maximum = 100) @Nullable
            Integer perPage,

            @Schema(description = "The page to read (nextPage of the previous answer)") @Nullable
            Integer page) {}

    @Schema(description = "One merge request")
    record Ref(
            @Schema(description = "Project id or path (group/app)")
            String project,

            @Schema(description = "The merge request's number in the project (iid), as in !7", minimum = 1)
            long mergeRequestIid) {}

    @Schema(description = "A comment on a merge request")
    record CommentInput(
            @Schema(description = "Project id or path (group/app)")
            String project,

            @Schema(description = "The merge request's number in the project (iid)", minimum = 1)
            long mergeRequestIid,

            @Schema(description = "The comment (Markdown)", minLength = 1, maxLength = 1000000)
            String body) {}

    @Schema(description = "A GitLab merge request")
    record MergeRequest(
            @Schema(description = "Its number in the project (iid), as in !7")
            long iid,

            @Schema(description = "Its id across the instance")
            long id,

            @Schema(description = "The project's numeric id")
            long projectId,

            @Schema(description = "Title") String title,

            @Schema(description = "Description (Markdown)") @Nullable
            String description,

            @Schema(description = "opened, closed, locked or merged")
            String state,

            @Schema(description = "The branch with the changes")
            String sourceBranch,

            @Schema(description = "The branch it merges into")
            String targetBranch,

            @Schema(description = "True for a draft") boolean draft,

            @Schema(description = "Username of who opened it") @Nullable
            String author,

            @Schema(description = "Usernames of its reviewers")
            List<String> reviewers,

            @Schema(description = "GitLab's merge status: can_be_merged, cannot_be_merged, checking...") @Nullable
            String mergeStatus,

            @Schema(description = "The merge request's page", format = "uri") @Nullable
            String webUrl,

            @Schema(description = "Last change", format = "date-time") @Nullable
            String updatedAt) {

        static MergeRequest of(JsonNode n) {
            String status = text(n.get("detailed_merge_status"));
            return new MergeRequest(
                    n.path("iid").asLong(),
                    n.path("id").asLong(),
                    n.path("project_id").asLong(),
                    n.path("title").asString(""),
                    text(n.get("description")),
                    n.path("state").asString(""),
                    n.path("source_branch").asString(""),
                    n.path("target_branch").asString(""),
                    n.path("draft").asBoolean(n.path("work_in_progress").asBoolean(false)),
                    text(n.path("author").get("username")),
                    GitLabIssue.strings(n.path("reviewers"), "username"),
                    status != null ? status : text(n.get("merge_status")),
                    text(n.get("web_url")),
                    text(n.get("updated_at")));
        }
    }

    @Schema(description = "Merge requests, most recently updated first")
    record MergeRequests(
            @Schema(description = "The merge requests") List<MergeRequest> mergeRequests,

            @Schema(description = "The next page, when there is one") @Nullable
            Integer nextPage) {}

    static final Action<ListInput, MergeRequests> LIST = BaseAction.read(
            "gitlab.list_merge_requests",
            "List merge requests",
            "Lists a GitLab project's merge requests, most recently updated first.",
            ListInput.class,
            MergeRequests.class,
            GitLabMergeRequests::list);

    static final Action<Ref, MergeRequest> GET = BaseAction.read(
            "gitlab.get_merge_request",
            "Get a merge request",
            "Reads one GitLab merge request by its project and number.",
            Ref.class,
            MergeRequest.class,
            GitLabMergeRequests::get);

    static final Action<CommentInput, GitLabIssueChanges.Note> COMMENT = BaseAction.write(
            "gitlab.comment_merge_request",
            "Comment on a merge request",
            "Adds a comment to a GitLab merge request.",
            CommentInput.class,
            GitLabIssueChanges.Note.class,
            Idempotency.NONE,
            GitLabMergeRequests::comment);

    private static MergeRequests list(ActionContext ctx, ListInput in) {
        var reply = GitLabApi.get(
                ctx,
                GitLabApi.project(in.project()) + "/merge_requests",
                args(
                        "state",
                        in.state() == null ? State.opened : in.state(),
                        "order_by",
                        "updated_at",
                        "sort",
                        "desc",
                        "per_page",
                        GitLabApi.perPage(in.perPage()),
                        "page",
                        in.page()),
                null);
        List<MergeRequest> out = new ArrayList<>();
        reply.json().forEach(n -> out.add(MergeRequest.of(n)));
        return new MergeRequests(out, GitLabIssues.page(reply.nextPage()));
    }

    private static MergeRequest get(ActionContext ctx, Ref in) {
        return MergeRequest.of(GitLabApi.get(
                        ctx,
                        GitLabApi.project(in.project()) + "/merge_requests/" + in.mergeRequestIid(),
                        Map.of(),
                        MERGE_REQUEST)
                .json());
    }

    private static GitLabIssueChanges.Note comment(ActionContext ctx, CommentInput in) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("body", in.body());
        return GitLabIssueChanges.Note.of(GitLabApi.send(
                ctx,
                "POST",
                GitLabApi.project(in.project()) + "/merge_requests/" + in.mergeRequestIid() + "/notes",
                form,
                MERGE_REQUEST));
    }
}
