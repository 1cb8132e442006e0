package dev.atom.connectors.dropbox;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.ServiceErrors;
import dev.atom.shared.net.GuardedHttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Dropbox API v2: RPC endpoints (JSON in, JSON out) on api.dropboxapi.com and content endpoints (the argument
 * as JSON in the {@code Dropbox-API-Arg} header, the file as the body) on content.dropboxapi.com. Errors: 409
 * {@code {error_summary, error}} is the endpoint's own error (a path not found, a conflict) and permanent,
 * naming the input field; 400 is a malformed call (plain text); 401 {@code expired_access_token} gets one
 * token refresh and a retry before the connection needs reconnecting, other 401s need it at once; 429 and 5xx
 * are retriable, honouring Retry-After. Stateless.
 */
final class DropboxApi {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final int MAX_JSON_BYTES = 8 << 20;

    private DropboxApi() {}

    /** An RPC call; {@code args} null sends no body (endpoints without parameters). */
    static JsonNode rpc(ActionContext ctx, String endpoint, Object args, String blame) {
        byte[] body = args == null ? null : JSON.writeValueAsBytes(args);
        var response = send(
                ctx,
                ctx.baseUrl() + "/" + endpoint,
                body,
                args == null ? null : "application/json",
                null,
                MAX_JSON_BYTES);
        raise(ctx, response, blame);
        return parse(response.body(), response.status());
    }

    /** A content call: {@code arg} goes in Dropbox-API-Arg; the answer is returned unchecked for its body. */
    static GuardedHttpClient.Response content(
            ActionContext ctx, String endpoint, Object arg, byte[] body, int maxBytes, String blame) {
        var response = send(
                ctx,
                contentBase(ctx.baseUrl()) + "/" + endpoint,
                body,
                body == null ? null : "application/octet-stream",
                headerJson(arg),
                maxBytes);
        raise(ctx, response, blame);
        return response;
    }

    /**
     * The content host beside the API host: https://api.dropboxapi.com/2 becomes
     * https://content.dropboxapi.com/2; any other base URL (an operator's proxy, a test's stub) serves both.
     */
    static String contentBase(String base) {
        return base.replaceFirst("^https://api\\.dropboxapi\\.com(?=/|$)", "https://content.dropboxapi.com");
    }

    private static GuardedHttpClient.Response send(
            ActionContext ctx, String url, byte[] body, String contentType, String arg, int maxBytes) {
        String token = ctx.credentials().accessToken();
        var response = once(ctx, url, body, contentType, arg, maxBytes, token);
        if (response.status() == 401 && summary(response).startsWith("expired_access_token")) {
            // the token ended before its stated expiry: refresh once, then believe the answer
            response = once(
                    ctx,
                    url,
                    body,
                    contentType,
                    arg,
                    maxBytes,
                    ctx.credentials().refreshAccessToken(token));
        }
        return response;
    }

    private static GuardedHttpClient.Response once(
            ActionContext ctx, String url, byte[] body, String contentType, String arg, int maxBytes, String token) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry("Authorization", "Bearer " + token));
        if (contentType != null) {
            headers.add(Map.entry("Content-Type", contentType));
        }
        if (arg != null) {
            headers.add(Map.entry("Dropbox-API-Arg", arg));
        }
        return ctx.http()
                .send(new GuardedHttpClient.Request("POST", url, headers, body, TIMEOUT, maxBytes, false), "baseUrl");
    }

    /** Throws the matching connector exception for an error answer; {@code blame} is the field a 409 is about. */
    static void raise(ActionContext ctx, GuardedHttpClient.Response response, String blame) {
        int status = response.status();
        if (status < 400) {
            return;
        }
        String summary = summary(response);
        if (status == 401) {
            throw new ConnectorException.NeedsReconnect(
                    "Dropbox refused the access token (" + (summary.isEmpty() ? "HTTP 401" : summary) + ")");
        }
        if (status == 409 && blame != null && explain(summary).equals(NOT_FOUND)) {
            throw new ConnectorException.NotFound(blame, "the file or folder at this path (" + summary + ")");
        }
        if (status == 409) {
            throw new ConnectorException.Permanent(
                    409, (blame == null ? "" : blame + ": ") + explain(summary) + " (" + summary + ")");
        }
        if (status == 400) {
            String text = new String(response.body(), StandardCharsets.UTF_8).strip();
            text = text.length() > 300 ? text.substring(0, 300) : text;
            throw new ConnectorException.Permanent(
                    400, (blame == null ? "" : blame + ": ") + "Dropbox refused the call: " + text);
        }
        if (status == 429 && response.header("retry-after") == null) {
            // Dropbox also says how long in the body: {"error": {"retry_after": 300}}
            long seconds =
                    tree(response.body()).path("error").path("retry_after").asLong(0);
            throw new ConnectorException.Retriable(
                    429, "Dropbox's rate limit was reached", seconds > 0 ? Duration.ofSeconds(seconds) : null);
        }
        ServiceErrors.raise(response, ctx.clock().instant());
    }

    /** Dropbox's {@code error_summary} ("path/not_found/..."), or empty when the body is not its JSON. */
    static String summary(GuardedHttpClient.Response response) {
        return tree(response.body()).path("error_summary").asString("");
    }

    private static final String NOT_FOUND = "not found in the Dropbox";

    /** A sentence for the common 409 summaries. */
    static String explain(String summary) {
        String s = summary.replaceAll("/\\.*$", "").replaceAll("/+$", "");
        if (s.endsWith("not_found")) {
            return NOT_FOUND;
        }
        if (s.contains("/conflict")) {
            return s.endsWith("folder") ? "a folder is already there" : "something is already there";
        }
        if (s.contains("malformed_path")) {
            return "is not a valid Dropbox path";
        }
        if (s.contains("insufficient_space")) {
            return "the Dropbox is full";
        }
        if (s.contains("not_file")) {
            return "is a folder, not a file";
        }
        if (s.contains("not_folder")) {
            return "is a file, not a folder";
        }
        if (s.contains("restricted_content") || s.contains("no_write_permission")) {
            return "Dropbox does not allow this here";
        }
        if (s.startsWith("reset")) {
            return "the cursor was reset by Dropbox";
        }
        return "Dropbox refused it";
    }

    private static JsonNode tree(byte[] body) {
        try {
            return body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (JacksonException e) {
            return JSON.createObjectNode();
        }
    }

    static JsonNode parse(byte[] body, int status) {
        try {
            return body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (JacksonException e) {
            throw new ConnectorException.Retriable(status, "Dropbox answered something that is not JSON", null);
        }
    }

    /** JSON for the Dropbox-API-Arg header: every character from 0x7F up escaped, as Dropbox asks. */
    static String headerJson(Object arg) {
        String json = JSON.writeValueAsString(arg);
        StringBuilder sb = new StringBuilder(json.length());
        for (char c : json.toCharArray()) {
            if (c >= 0x7f) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * A path as Dropbox wants it: "" for the root ({@code root} allowed), "/a/b" without a trailing slash, or
     * an {@code id:}/{@code ns:} reference. Throws {@link ConnectorException.InvalidInput} on {@code field}.
     */
    static String path(String value, String field, boolean root) {
        String p = value == null ? "" : value.strip();
        if (p.startsWith("id:") || p.startsWith("ns:") || p.startsWith("rev:")) {
            return p;
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.isEmpty()) {
            if (!root) {
                throw new ConnectorException.InvalidInput(field, "must name a file, not the root folder");
            }
            return "";
        }
        if (!p.startsWith("/")) {
            throw new ConnectorException.InvalidInput(field, "must start with / (e.g. /Documents/notes.txt)");
        }
        return p;
    }
}
