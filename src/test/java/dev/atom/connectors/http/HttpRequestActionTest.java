package dev.atom.connectors.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code http.request} through the running app against a local WireMock: allowed because the tests set
 * ATOM_HTTP_ALLOW_HOSTS=localhost,127.0.0.1, refused for another loopback address that is not listed.
 */
class HttpRequestActionTest extends AppTestBase {
    private WireMockServer wm;
    private TestUsers users;
    private TestUsers.User user;
    private String actions;

    @BeforeEach
    void setUp() {
        wm = new WireMockServer(wireMockConfig().dynamicPort());
        wm.start();
        users = new TestUsers(this::http);
        user = users.signUp("hana");
        var c = users.as(user)
                .post("/api/v1/connections", Map.of("connector", "http", "name", "Web", "credentials", Map.of()));
        actions = "/api/v1/connections/" + c.json().get("id").asString() + "/actions/";
    }

    @AfterEach
    void tearDown() {
        wm.stop();
    }

    private TestHttp.Response run(Map<String, Object> input) {
        return users.as(user).post(actions + "http.request", input);
    }

    private static List<String> fields(TestHttp.Response r) {
        List<String> out = new ArrayList<>();
        r.json()
                .path("errors")
                .forEach(e -> out.add(
                        e.get("field").asString() + ": " + e.get("message").asString()));
        return out;
    }

    @Test
    void sendsTheRequestAndParsesAJsonAnswer() {
        wm.stubFor(post(urlEqualTo("/items?x=1"))
                .withHeader("X-Token", equalTo("abc"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"name\":\"pen\"}"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":7}")));
        var r = users.as(user)
                .header("Idempotency-Key", "run-1-step-2")
                .post(
                        actions + "http.request",
                        Map.of(
                                "method",
                                "POST",
                                "url",
                                "http://localhost:" + wm.port() + "/items?x=1",
                                "headers",
                                Map.of("X-Token", "abc"),
                                "body",
                                Map.of("name", "pen")));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().at("/output/status").asInt()).isEqualTo(201);
        assertThat(r.json().at("/output/body/id").asInt()).isEqualTo(7);
        assertThat(r.json().at("/output/headers/content-type").asString()).isEqualTo("application/json");
        assertThat(r.json().at("/output/truncated").asBoolean()).isFalse();
        wm.verify(postRequestedFor(urlEqualTo("/items?x=1")).withHeader("Idempotency-Key", equalTo("run-1-step-2")));
    }

    @Test
    void returnsTextAndErrorStatusesAsAnswersAndCapsTheBody() {
        wm.stubFor(get("/text")
                .willReturn(aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "text/plain")
                        .withBody("nope")));
        wm.stubFor(get("/big")
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("x".repeat(HttpRequestAction.MAX_BYTES + 10))));
        var failed = run(Map.of("method", "GET", "url", "http://127.0.0.1:" + wm.port() + "/text"));
        assertThat(failed.status())
                .as("by default an error status fails the action")
                .isEqualTo(422);
        var text = run(Map.of("method", "GET", "url", "http://127.0.0.1:" + wm.port() + "/text", "neverError", true));
        assertThat(text.json().at("/output/status").asInt()).isEqualTo(404);
        assertThat(text.json().at("/output/body").asString()).isEqualTo("nope");
        var big = run(Map.of("method", "GET", "url", "http://localhost:" + wm.port() + "/big"));
        assertThat(big.json().at("/output/truncated").asBoolean()).isTrue();
        assertThat(big.json().at("/output/body").asString()).hasSize(HttpRequestAction.MAX_BYTES);
    }

    @Test
    void followsRedirectsButChecksEveryHop() {
        wm.stubFor(get("/hop").willReturn(aResponse().withStatus(302).withHeader("Location", "/final")));
        wm.stubFor(get("/final").willReturn(aResponse().withBody("arrived")));
        wm.stubFor(get("/escape")
                .willReturn(aResponse()
                        .withStatus(302)
                        .withHeader("Location", "http://169.254.169.254/latest/meta-data/")));
        wm.stubFor(get("/loop").willReturn(aResponse().withStatus(302).withHeader("Location", "/loop")));
        assertThat(run(Map.of("method", "GET", "url", "http://localhost:" + wm.port() + "/hop"))
                        .json()
                        .at("/output/body")
                        .asString())
                .isEqualTo("arrived");
        var escape = run(Map.of("method", "GET", "url", "http://localhost:" + wm.port() + "/escape"));
        assertThat(escape.status()).isEqualTo(400);
        assertThat(fields(escape))
                .containsExactly(
                        "input.url: points to a local or private network address; an administrator can allow it with ATOM_HTTP_ALLOW_HOSTS");
        var loop = run(Map.of("method", "GET", "url", "http://localhost:" + wm.port() + "/loop"));
        assertThat(loop.status()).isEqualTo(422);
        assertThat(loop.json().get("detail").asString()).contains("redirects more than 5 times");
    }

    @Test
    void refusesInternalAddressesThatAreNotAllowedAndNamesTheField() {
        wm.stubFor(get("/secret").willReturn(aResponse().withBody("internal")));
        for (String url : List.of(
                "http://127.0.0.2:" + wm.port() + "/secret",
                "http://0x7f.0.0.2:" + wm.port() + "/secret",
                "http://[::1]:" + wm.port() + "/secret",
                "http://evil@127.0.0.2:" + wm.port() + "/secret",
                "http://169.254.169.254/latest/meta-data/",
                "file:///etc/passwd")) {
            var r = run(Map.of("method", "GET", "url", url));
            assertThat(r.status()).as(url + " " + r).isEqualTo(400);
            assertThat(fields(r)).as(url).singleElement().asString().startsWith("input.url: ");
        }
        assertThat(wm.getAllServeEvents())
                .as("nothing reached the internal server")
                .isEmpty();

        var invalid = run(Map.of("method", "FETCH", "headers", Map.of("a", 1)));
        assertThat(fields(invalid))
                .containsExactlyInAnyOrder(
                        "input.method: must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS",
                        "input.url: is required",
                        "input.headers.a: must be a string");
    }

    @Test
    void aRateLimitAnswerHoldsBackEveryLaterCallOnTheConnection() {
        wm.stubFor(get("/limited").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));
        var first =
                run(Map.of("method", "GET", "url", "http://localhost:" + wm.port() + "/limited", "neverError", true));
        assertThat(first.json().at("/output/status").asInt()).isEqualTo(429);
        var second = run(Map.of("method", "GET", "url", "http://localhost:" + wm.port() + "/limited"));
        assertThat(second.status()).isEqualTo(503);
        assertThat(Integer.parseInt(second.header("Retry-After"))).isBetween(100, 120);
        assertThat(wm.getAllServeEvents()).as("the second call never left Atom").hasSize(1);
    }

    @Test
    void aRefusedConnectionIsRetriable() {
        int port = wm.port();
        wm.stop();
        var r = run(Map.of("method", "GET", "url", "http://localhost:" + port + "/gone"));
        assertThat(r.status()).isEqualTo(502);
        assertThat(r.json().get("detail").asString()).isEqualTo("could not reach the service");
        wm.start();
    }
}
