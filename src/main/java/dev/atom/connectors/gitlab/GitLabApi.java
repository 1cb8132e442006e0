package dev.atom.connectors.gitlab;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.ServiceErrors;
import dev.atom.shared.net.GuardedHttpClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GitLab's REST API v4 ({@code <instance>/api/v4}) with {@code Authorization: Bearer}, which takes a personal
 * access token as well as an OAuth token. Writes are form-encoded, as GitLab documents its parameters. Errors:
 * 401 needs reconnecting; 429 and 5xx are retriable (Retry-After); 404 is {@link ConnectorException.NotFound},
 * blaming {@code project} when GitLab says "Project Not Found", else the field the call names; 400 and 422 are
 * invalid input naming the field GitLab names ({@code {"message":{"title":["can't be blank"]}}} or {@code
 * {"error":"title is missing"}}). Stateless.
 */
final class GitLabApi {
    static final JsonMapper JSON = JsonMapper.builder().build();

    private GitLabApi() {}

    /** A JSON answer and GitLab's {@code X-Next-Page} (null on the last page). */
    record Reply(JsonNode json, String nextPage) {}

    /** What a 404 means for one call: the input field that named the thing, and the thing, for people. */
    record Blame(String field, String what) {}

    static Reply get(ActionContext ctx, String path, Map<String, String> query, Blame blame) {
        return call(ctx, "GET", path + query(query), null, blame);
    }

    /** A form-encoded write; list values become repeated {@code key[]} pairs, as GitLab reads arrays. */
    static JsonNode send(ActionContext ctx, String method, String path, Map<String, Object> form, Blame blame) {
        return call(ctx, method, path, form(form), blame).json();
    }

    /** The API root: the instance the person connected (self-managed) or the operator's/default base URL. */
    static String base(ActionContext ctx) {
        return ctx.credentials()
                .get(GitLabConnector.INSTANCE)
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(s -> s.replaceAll("/+$", "") + "/api/v4")
                .orElse(ctx.baseUrl());
    }

    /** A project as a path segment: its numeric id or its full path ({@code group/app}), percent-encoded. */
    static String project(String project) {
        if (project == null || project.isBlank()) {
            throw new ConnectorException.InvalidInput("project", "give the project's id or its path, like group/app");
        }
        return "/projects/" + seg(project.strip());
    }

    static String seg(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Reply call(ActionContext ctx, String method, String pathAndQuery, byte[] body, Blame blame) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(List.of(
                Map.entry("Authorization", "Bearer " + ctx.credentials().bearerToken(GitLabConnector.TOKEN)),
                Map.entry("Accept", "application/json")));
        if (body != null) {
            headers.add(Map.entry("Content-Type", "application/x-www-form-urlencoded"));
        }
        var response = ctx.http()
                .send(
                        new GuardedHttpClient.Request(
                                method,
                                base(ctx) + pathAndQuery,
                                headers,
                                body,
                                Duration.ofSeconds(30),
                                8 << 20,
                                false),
                        "baseUrl");
        raise(response, blame, ctx);
        if (response.body().length == 0) {
            return new Reply(JSON.nullNode(), null);
        }
        try {
            String next = response.header("x-next-page");
            return new Reply(JSON.readTree(response.body()), next == null || next.isBlank() ? null : next.strip());
        } catch (JacksonException e) {
            throw new ConnectorException.Retriable(
                    response.status(), "GitLab answered something that is not JSON", null);
        }
    }

    private static void raise(GuardedHttpClient.Response response, Blame blame, ActionContext ctx) {
        int status = response.status();
        if (status == 404) {
            String message = ServiceErrors.message(response);
            if (message.contains("Project Not Found") || blame == null) {
                throw new ConnectorException.NotFound("project", "the GitLab project");
            }
            throw new ConnectorException.NotFound(blame.field(), blame.what());
        }
        if (status == 400 || status == 422) {
            throw invalid(response, blame);
        }
        if (status == 403) {
            throw new ConnectorException.Permanent(
                    403, "project: the token may not do this (" + ServiceErrors.message(response) + ")");
        }
        ServiceErrors.raise(response, ctx.clock().instant());
    }

    /** GitLab's 400/422, naming our input field for the parameter GitLab names. */
    private static ConnectorException.InvalidInput invalid(GuardedHttpClient.Response response, Blame blame) {
        String fallback = blame == null ? "input" : blame.field();
        JsonNode json;
        try {
            json = JSON.readTree(response.body());
        } catch (JacksonException e) {
            return new ConnectorException.InvalidInput(fallback, "GitLab refused it (HTTP " + response.status() + ")");
        }
        JsonNode message = json.path("message");
        if (message.isObject() && !message.isEmpty()) {
            var first = message.properties().iterator().next();
            String text = first.getValue().isArray() && !first.getValue().isEmpty()
                    ? first.getValue().get(0).asString("is invalid")
                    : first.getValue().asString("is invalid");
            return new ConnectorException.InvalidInput(camel(first.getKey()), "GitLab says it " + text);
        }
        String error = json.path("error").asString(message.asString(""));
        // Grape's "title is missing", "labels is invalid": the parameter comes first
        String[] words = error.strip().split("[\\s,]+", 2);
        if (words.length == 2 && words[0].matches("[a-z_]+") && words[1].startsWith("is ")) {
            return new ConnectorException.InvalidInput(camel(words[0]), "GitLab says it " + words[1]);
        }
        return new ConnectorException.InvalidInput(
                fallback, "GitLab says " + (error.isEmpty() ? "HTTP " + response.status() : cut(error)));
    }

    /** GitLab's {@code assignee_ids} to our {@code assigneeIds}. */
    static String camel(String snake) {
        StringBuilder out = new StringBuilder();
        boolean up = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                up = true;
            } else {
                out.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return out.toString();
    }

    private static String cut(String s) {
        return s.length() > 200 ? s.substring(0, 200) : s;
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

    private static byte[] form(Map<String, Object> form) {
        StringJoiner out = new StringJoiner("&");
        form.forEach((k, v) -> {
            if (v instanceof List<?> list) {
                if (list.isEmpty()) {
                    out.add(k + "="); // GitLab: an empty value clears the list
                }
                list.forEach(item -> out.add(k + "[]=" + enc(String.valueOf(item))));
            } else if (v != null) {
                out.add(k + "=" + enc(String.valueOf(v)));
            }
        });
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Pairs to an ordered map, skipping null values. */
    static Map<String, String> args(Object... kv) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                out.put((String) kv[i], String.valueOf(kv[i + 1]));
            }
        }
        return out;
    }

    static String text(JsonNode n) {
        return n != null && n.isString() && !n.asString().isEmpty() ? n.asString() : null;
    }

    /** 1-100, GitLab's page size limit; 20 by default. */
    static int perPage(Integer perPage) {
        return perPage == null ? 20 : Math.max(1, Math.min(100, perPage));
    }
}
