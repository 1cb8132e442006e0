package dev.atom.connectors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.TestUsers;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import okhttp3.mockwebserver.RecordedRequest;

/** Helpers of the OAuth flow tests: a signed-in browser (session cookie), query parsing, the request log. */
final class OAuthTestSupport {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private OAuthTestSupport() {}

    /** A browser signed in through the login form: it carries the session cookie, follows no redirect. */
    record Browser(HttpClient client, String base) {
        static Browser signedIn(int port, String email) {
            HttpClient client = HttpClient.newBuilder()
                    .cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
            Browser b = new Browser(client, "http://localhost:" + port);
            var login = b.get("/login");
            Matcher m = CSRF.matcher(login.body());
            assertThat(m.find()).as("a CSRF field on the login page").isTrue();
            String form = "_csrf=" + enc(m.group(1)) + "&email=" + enc(email) + "&password=" + enc(TestUsers.PASSWORD);
            var response = b.send(HttpRequest.newBuilder(URI.create(b.base + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form))
                    .build());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
            return b;
        }

        HttpResponse<String> get(String pathOrUrl) {
            String url = pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl;
            return send(HttpRequest.newBuilder(URI.create(url)).build());
        }

        private HttpResponse<String> send(HttpRequest request) {
            try {
                return client.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static Map<String, String> query(String url) {
        Map<String, String> out = new LinkedHashMap<>();
        String q = URI.create(url).getRawQuery();
        if (q == null) {
            return out;
        }
        for (String pair : q.split("&")) {
            int i = pair.indexOf('=');
            out.put(
                    URLDecoder.decode(i < 0 ? pair : pair.substring(0, i), StandardCharsets.UTF_8),
                    i < 0 ? "" : URLDecoder.decode(pair.substring(i + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    static Map<String, String> form(String body) {
        return query("http://x/?" + body);
    }

    static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElseThrow();
    }

    /** Every request the mock server received since the last call, in order. */
    static List<RecordedRequest> drain(MockOAuth2Server server) {
        List<RecordedRequest> out = new ArrayList<>();
        while (true) {
            try {
                out.add(server.takeRequest(300, TimeUnit.MILLISECONDS));
            } catch (RuntimeException e) {
                return out;
            }
        }
    }

    static List<RecordedRequest> tokenRequests(List<RecordedRequest> requests) {
        return requests.stream()
                .filter(r -> r.getPath() != null && r.getPath().endsWith("/token"))
                .toList();
    }
}
