package dev.atom.connectors.github;

import static dev.atom.connectors.github.GitHubApi.args;
import static dev.atom.connectors.github.GitHubApi.text;

import dev.atom.connectors.Action.Idempotency;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.Schema;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** The repositories the token can see ({@code GET /user/repos}), most recently updated first. */
final class GitHubRepos extends BaseAction<GitHubRepos.Input, GitHubRepos.Repos> {

    @Schema(description = "Which page of repositories to list")
    record Input(
            @Schema(description = "Repositories per page (default 30)", minimum = 1, maximum = 100) @Nullable
            Integer perPage,

            @Schema(description = "Page number, from 1", minimum = 1) @Nullable
            Integer page) {}

    @Schema(description = "A repository")
    record Repo(
            @Schema(description = "owner/name", examples = "\"octocat/hello-world\"")
            String fullName,

            @Schema(description = "The owner's login") String owner,

            @Schema(description = "The name") String name,

            @Schema(description = "True for a private repository")
            boolean isPrivate,

            @Schema(description = "Description") @Nullable String description,

            @Schema(description = "The repository's page on GitHub", format = "uri")
            String url,

            @Schema(description = "Open issues and pull requests")
            int openIssues) {}

    @Schema(description = "A page of repositories")
    record Repos(@Schema(description = "The repositories") List<Repo> repos) {}

    GitHubRepos() {
        super(
                "github.list_repos",
                "List repositories",
                "Lists the repositories the connected account can access, most recently updated first.",
                Input.class,
                Repos.class,
                false,
                Idempotency.NATURAL);
    }

    @Override
    public Repos execute(ActionContext ctx, Input in) {
        JsonNode r =
                GitHubApi.get(ctx, "/user/repos", args("sort", "updated", "per_page", in.perPage(), "page", in.page()));
        List<Repo> out = new ArrayList<>();
        for (JsonNode n : r) {
            out.add(new Repo(
                    n.path("full_name").asString(),
                    n.path("owner").path("login").asString(),
                    n.path("name").asString(),
                    n.path("private").asBoolean(false),
                    text(n.get("description")),
                    n.path("html_url").asString(),
                    n.path("open_issues_count").asInt(0)));
        }
        return new Repos(out);
    }
}
