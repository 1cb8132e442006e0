package dev.atom.ai.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.ai.gateway.GatewayTestBase;
import dev.atom.shared.Ids;
import dev.atom.testing.TestUsers;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The usage fragment of the AI page: an inline SVG stacked bar chart, a legend, a table and totals. */
class UsageChartTest extends GatewayTestBase {
    private static final Pattern FORM_CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Autowired
    UsageLedger ledger;

    @Autowired
    Clock clock;

    private HttpClient signIn(TestUsers.User user) throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        Matcher csrf = FORM_CSRF.matcher(get(client, "/login").body());
        assertThat(csrf.find()).isTrue();
        String form = "_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8) + "&email="
                + URLEncoder.encode(user.email(), StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(TestUsers.PASSWORD, StandardCharsets.UTF_8);
        var login = client.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.uri().getPath()).isNotEqualTo("/login");
        return client;
    }

    private HttpResponse<String> get(HttpClient client, String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void row(TestUsers.User user, String provider, long cost, Instant at) {
        ledger.append(new UsageRecord(
                Ids.newId(),
                user.workspaceId(),
                user.id(),
                "key",
                provider,
                provider + "/m",
                1,
                1,
                0,
                cost,
                10,
                null,
                "ok",
                null,
                "req",
                "api_client",
                false,
                false,
                at));
    }

    @Test
    void drawsCostPerDayPerProviderWithATableAndTotals() throws Exception {
        TestUsers.User owner = users().signUp("olga");
        TestUsers.User mia = users().invite("mia", owner, "member");
        Instant now = clock.instant();
        row(owner, "openai", 1_500_000, now.minus(Duration.ofDays(2)));
        row(owner, "anthropic", 500_000, now.minus(Duration.ofDays(2)));
        row(mia, "openai", 250_000, now);
        row(owner, "gemini", 9_000_000, now.minus(Duration.ofDays(40))); // before the 30 days

        String html = get(signIn(owner), "/ai/usage").body();
        assertThat(html).contains("class=\"usage\"", "<h2 id=\"usage-title\"", "<svg", "role=\"img\"", "<table");
        assertThat(html).as("30 bars of 16 px with 4 px gaps").contains("viewBox=\"0 0 616 190\"");
        assertThat(html).contains("id=\"usage-total\">$2.25<");
        assertThat(html)
                .contains("data-provider=\"openai\"", "data-provider=\"anthropic\"")
                .doesNotContain("gemini");
        String twoDaysAgo = LocalDate.ofInstant(now.minus(Duration.ofDays(2)), ZoneOffset.UTC)
                .toString();
        assertThat(html).contains("data-day=\"" + twoDaysAgo + "\"", "<th scope=\"row\">" + twoDaysAgo + "</th>");
        assertThat(html).contains("$1.50", "$0.50", "$0.25", "$2.00");
        assertThat(html).as("no JS library, nothing from a CDN").doesNotContain("<script", "src=\"http", "href=\"http");
        // the tallest day fills the plot: 160 px; the 0.25 day is an eighth of it
        assertThat(html).contains("height=\"120\"", "height=\"40\"", "height=\"20\"");

        String members = get(signIn(mia), "/ai/usage").body();
        assertThat(members).contains("id=\"usage-total\">$0.25<").doesNotContain("anthropic");

        TestUsers.User eve = users().signUp("eve");
        assertThat(get(signIn(eve), "/ai/usage").body()).contains("No AI calls in the last 30 days");
        assertThat(get(HttpClient.newHttpClient(), "/ai/usage").statusCode())
                .as("signed out")
                .isNotEqualTo(200);
    }
}
