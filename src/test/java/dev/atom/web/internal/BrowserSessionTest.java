package dev.atom.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.AppTestBase;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Sign-up, sign-in and sign-out through the HTML forms, with the session cookie and CSRF protection. */
class BrowserSessionTest extends AppTestBase {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Autowired
    JdbcClient jdbc;

    private final HttpClient browser = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private HttpResponse<String> get(HttpClient client, String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return browser.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(HttpResponse<String> page) {
        Matcher m = CSRF.matcher(page.body());
        assertThat(m.find()).as("a CSRF field in " + page.body()).isTrue();
        return m.group(1);
    }

    private static String sessionCookie(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("atom_session="))
                .findFirst()
                .orElseThrow();
    }

    private static Map<String, String> form(String... pairs) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.put(pairs[i], pairs[i + 1]);
        }
        return form;
    }

    @Test
    void signUpSignOutAndSignInWithTheForms() throws Exception {
        assertThat(get(browser, "/").statusCode()).isEqualTo(302);
        assertThat(get(browser, "/").headers().firstValue("Location").orElseThrow())
                .endsWith("/login");

        var signupPage = get(browser, "/signup");
        assertThat(signupPage.statusCode()).isEqualTo(200);
        assertThat(signupPage.body()).contains("id=\"email\"", "id=\"password\"", "id=\"name\"", "id=\"submit\"");
        String token = csrf(signupPage);
        String email = "page-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";

        var tooShort = post("/signup", form("_csrf", token, "email", email, "password", "short", "name", "Page"));
        assertThat(tooShort.statusCode()).isEqualTo(400);
        assertThat(tooShort.body()).contains("class=\"errors\"", "at least 10 characters");
        assertThat(tooShort.body()).contains("value=\"" + email + "\"");

        var signup = post(
                "/signup", form("_csrf", token, "email", email, "password", "long enough password", "name", "Page"));
        assertThat(signup.statusCode()).isEqualTo(302);
        assertThat(path(signup.headers().firstValue("Location").orElseThrow())).isEqualTo("/");
        String cookie = sessionCookie(signup);
        assertThat(cookie).contains("HttpOnly", "SameSite=Lax").doesNotContain("Secure");
        String value = cookie.substring("atom_session=".length(), cookie.indexOf(';'));

        // Only the hash of the cookie value is stored.
        assertThat(jdbc.sql("SELECT COUNT(*) FROM web_sessions WHERE token_hash = :h")
                        .param("h", sha256(value))
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM web_sessions WHERE token_hash = :v OR id = :v")
                        .param("v", value)
                        .query(Integer.class)
                        .single())
                .isZero();

        var home = get(browser, "/");
        assertThat(home.statusCode()).as("home is the briefing").isEqualTo(200);
        assertThat(home.body()).contains("id=\"briefing\"");
        assertThat(path(get(browser, "/login").headers().firstValue("Location").orElseThrow()))
                .isEqualTo("/");

        // Without the CSRF token, sign-out is refused; with it, the session ends.
        assertThat(post("/logout", form()).statusCode()).isEqualTo(403);
        var logout = post("/logout", form("_csrf", token));
        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(logout.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        assertThat(sessionCookie(logout)).contains("Max-Age=0");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM web_sessions WHERE token_hash = :h")
                        .param("h", sha256(value))
                        .query(Integer.class)
                        .single())
                .isZero();
        var replay = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/"))
                                .header("Cookie", "atom_session=" + value)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(replay.headers().firstValue("Location").orElseThrow()).endsWith("/login");

        var loginPage = get(browser, "/login");
        String loginToken = csrf(loginPage);
        assertThat(post("/login", form("email", email, "password", "long enough password"))
                        .statusCode())
                .isEqualTo(403);
        var wrong = post("/login", form("_csrf", loginToken, "email", email, "password", "wrong password!"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("class=\"errors\"", "The email or password is wrong");
        var login = post("/login", form("_csrf", loginToken, "email", email, "password", "long enough password"));
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(path(login.headers().firstValue("Location").orElseThrow())).isEqualTo("/");
        assertThat(get(browser, "/").statusCode()).isEqualTo(200);
    }

    @Test
    void apiRoutesIgnoreTheSessionCookie() throws Exception {
        var page = get(browser, "/signup");
        String email = "cookie-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        var signup = post(
                "/signup",
                form("_csrf", csrf(page), "email", email, "password", "long enough password", "name", "Cookie"));
        assertThat(signup.statusCode()).isEqualTo(302);
        // The API has no CSRF protection, so it must not accept the browser's cookie.
        var api = get(browser, "/api/v1/me");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String path(String location) {
        return URI.create(location).getPath();
    }
}
