package dev.atom.connectors.github;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.ServiceErrors;
import dev.atom.shared.net.GuardedHttpClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GitHub's REST API with the headers it asks for (Accept, X-GitHub-Api-Version, a User-Agent). A 403 or 429
 * that says the rate limit is spent (x-ratelimit-remaining 0, or Retry-After for the secondary limits) is
 * retriable at the reset time; a 404 is permanent and blames the repository. Stateless.
 */
final class GitHubApi {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String API_VERSION = "2022-11-28";

    private GitHubApi() {}

    static JsonNode get(ActionContext ctx, String path, Map<String, String> query) {
        return call(ctx, "GET", path + query(query), null);
    }

    static JsonNode send(ActionContext ctx, String method, String path, Object body) {
        return call(ctx, method, path, JSON.writeValueAsBytes(body));
    }

    /** A path segment, percent-encoded (owner and repo names come from users). */
    static String seg(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String repoPath(String owner, String repo) {
        return "/repos/" + seg(owner) + "/" + seg(repo);
    }

    /** The personal access token pasted as an API key, or the OAuth access token. */
    static String token(ActionContext ctx) {
        return ctx.credentials().bearerToken(GitHubConnector.TOKEN);
    }

    private static JsonNode call(ActionContext ctx, String method, String pathAndQuery, byte[] body) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(List.of(
                Map.entry("Authorization", "Bearer " + token(ctx)),
                Map.entry("Accept", "application/vnd.github+json"),
                Map.entry("X-GitHub-Api-Version", API_VERSION),
                Map.entry("User-Agent", "Atom")));
        if (body != null) {
            headers.add(Map.entry("Content-Type", "application/json"));
        }
        var response = ctx.http()
                .send(
                        new GuardedHttpClient.Request(
                                method,
                                ctx.baseUrl() + pathAndQuery,
                                headers,
                                body,
                                Duration.ofSeconds(30),
                                8 << 20,
                                false),
                        "baseUrl");
        raise(response, ctx.clock().instant());
        if (response.body().length == 0) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new ConnectorException.Retriable(
                    response.status(), "GitHub answered something that is not JSON", null);
        }
    }

    static void raise(GuardedHttpClient.Response response, Instant now) {
        int status = response.status();
        if (status == 403 || status == 429) {
            Duration after = ServiceErrors.retryAfter(response.header("retry-after"), now);
            if (after == null && "0".equals(response.header("x-ratelimit-remaining"))) {
                String reset = response.header("x-ratelimit-reset");
                if (reset != null && reset.strip().matches("[0-9]{1,12}")) {
                    after = Duration.between(now, Instant.ofEpochSecond(Long.parseLong(reset.strip())));
                    after = after.isNegative() ? Duration.ZERO : after;
                }
            }
            if (after != null || status == 429) {
                throw new ConnectorException.Retriable(
                        429, "GitHub's rate limit is spent (" + ServiceErrors.message(response) + ")", after);
            }
        }
        if (status == 404) {
            // GitHub answers 404 too for a private repository the token cannot see
            throw new ConnectorException.NotFound("repo", "the repository or issue (or one the token cannot see)");
        }
        if (status == 410) {
            throw new ConnectorException.Permanent(410, "issueNumber: " + ServiceErrors.message(response));
        }
        ServiceErrors.raise(response, now);
    }

    static String query(Map<String, String> args) {
        StringJoiner out = new StringJoiner("&", "?", "").setEmptyValue("");
        args.forEach((k, v) -> {
            if (v != null) {
                out.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        return out.toString();
    }

    static Map<String, String> args(Object... kv) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                out.put((String) kv[i], String.valueOf(kv[i + 1]));
            }
        }
        return out;
    }

    /** A non-empty string value, else null. */
    static String text(JsonNode n) {
        return n != null && n.isString() && !n.asString().isEmpty() ? n.asString() : null;
    }
}
