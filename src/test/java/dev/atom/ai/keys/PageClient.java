package dev.atom.ai.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser-like HTTP client (cookies, CSRF token as htmx sends it) signed up through the sign-up form, for
 * testing the AI page's htmx routes without a browser.
 */
final class PageClient {
    static final String PASSWORD = "correct horse battery staple";
    private static final Pattern FORM_CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern HTMX_CSRF = Pattern.compile("X-XSRF-TOKEN&quot;: &quot;([^&]+)&quot;");

    private final String base;
    private final HttpClient client;
    private final String email;
    private String csrf;

    private PageClient(int port, String who) {
        this.base = "http://localhost:" + port;
        this.client = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.email = who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }

    static PageClient signUp(int port, String who) throws Exception {
        PageClient page = new PageClient(port, who);
        Matcher token = FORM_CSRF.matcher(page.send("GET", "/signup", null).body());
        assertThat(token.find()).isTrue();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("_csrf", token.group(1));
        form.put("email", page.email);
        form.put("password", PASSWORD);
        form.put("name", who);
        HttpResponse<String> landed = page.send("POST", "/signup", form(form));
        Matcher csrf = HTMX_CSRF.matcher(landed.body());
        assertThat(csrf.find()).as(landed.body()).isTrue();
        page.csrf = csrf.group(1);
        return page;
    }

    String email() {
        return email;
    }

    HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, null);
    }

    HttpResponse<String> htmx(String method, String path, Map<String, String> fields) throws Exception {
        return send(method, path, fields == null ? null : form(fields));
    }

    private HttpResponse<String> send(String method, String path, String form) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(
                        method,
                        form == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(form));
        if (form != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded");
        }
        if (csrf != null) {
            request.header("X-XSRF-TOKEN", csrf).header("HX-Request", "true");
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String form(Map<String, String> fields) {
        StringBuilder s = new StringBuilder();
        fields.forEach((k, v) -> s.append(s.isEmpty() ? "" : "&")
                .append(k)
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return s.toString();
    }
}
