package dev.atom.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * A signed-in browser session without a browser: logs in through the /login form (cookies kept), then sends
 * requests as the pages' htmx and fetch calls do, with the session's CSRF token. For tests of the session-side
 * routes (page fragments, the calendar page's JSON under /calendar/api). Not thread-safe.
 */
public final class PageSession {
    private static final Pattern FORM_CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern HTMX_CSRF = Pattern.compile("X-XSRF-TOKEN&quot;: &quot;([^&]+)&quot;");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;
    private final HttpClient client;
    private String csrf;

    private PageSession(int port) {
        this.base = "http://localhost:" + port;
        this.client = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** Logs {@code user} in with {@link TestUsers#PASSWORD} through the login form. */
    public static PageSession logIn(int port, TestUsers.User user) {
        PageSession session = new PageSession(port);
        Matcher token =
                FORM_CSRF.matcher(session.send("GET", "/login", null, null).body());
        assertThat(token.find()).as("the login form has a CSRF field").isTrue();
        String form = "_csrf=" + encode(token.group(1)) + "&email=" + encode(user.email()) + "&password="
                + encode(TestUsers.PASSWORD);
        var landed = session.send("POST", "/login", form, "application/x-www-form-urlencoded");
        Matcher csrf = HTMX_CSRF.matcher(landed.body());
        assertThat(csrf.find()).as("signed in: " + landed.uri()).isTrue();
        session.csrf = csrf.group(1);
        return session;
    }

    public TestHttp.Response get(String path) {
        return send("GET", path, null);
    }

    /** A request with a JSON body (null for none), as the pages' scripts send it. */
    public TestHttp.Response send(String method, String path, Object body) {
        String json = body == null ? null : JSON.writeValueAsString(body);
        var raw = send(method, path, json, json == null ? null : "application/json");
        return new TestHttp.Response(raw.statusCode(), raw, raw.body());
    }

    private HttpResponse<String> send(String method, String path, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (csrf != null) {
            request.header("X-XSRF-TOKEN", csrf).header("HX-Request", "true");
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
