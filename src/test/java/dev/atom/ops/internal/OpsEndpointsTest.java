package dev.atom.ops.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.shared.Ids;
import dev.atom.testing.AppTestBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;

/** Request ids, Actuator endpoints and problem+json for errors, over real HTTP. */
class OpsEndpointsTest extends AppTestBase {

    @Autowired
    HealthEndpoint health;

    @Autowired
    HealthEndpointGroups groups;

    @Test
    void echoesASafeIncomingRequestId() {
        var response = http().header("X-Request-Id", "abc-123_x.Y").get("/actuator/health/liveness");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("X-Request-Id")).isEqualTo("abc-123_x.Y");
    }

    @Test
    void replacesAnUnsafeOrMissingRequestIdWithANewUuidV7() {
        for (String unsafe : new String[] {"has space", "a\"b", "x".repeat(65), "<script>", "ünï"}) {
            String id = http().header("X-Request-Id", unsafe)
                    .get("/actuator/health/liveness")
                    .header("X-Request-Id");
            assertThat(Ids.isValid(id)).as("id for %s", unsafe).isTrue();
            assertThat(UUID.fromString(id).version()).isEqualTo(7);
        }
        String first = http().get("/actuator/health/liveness").header("X-Request-Id");
        String second = http().get("/actuator/health/liveness").header("X-Request-Id");
        assertThat(UUID.fromString(first).version()).isEqualTo(7);
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void errorControllerAnswersProblemJsonWithTheRequestId() {
        var response = http().header("X-Request-Id", "err-1").get("/error");

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("requestId").asString()).isEqualTo("err-1");
        assertThat(response.json().get("status").asInt()).isEqualTo(500);
        assertThat(response.body()).doesNotContain("trace", "exception", "Whitelabel");
    }

    @Test
    void readinessIncludesTheDatabaseAndLivenessDoesNot() {
        assertThat(groups.get("readiness").isMember("db")).isTrue();
        assertThat(groups.get("liveness").isMember("db")).isFalse();
        var readiness = (CompositeHealthDescriptor) health.healthForPath("readiness");
        assertThat(readiness.getComponents()).containsKeys("db", "readinessState");
        assertThat(readiness.getStatus().getCode()).isEqualTo("UP");

        var response = http().get("/actuator/health/readiness");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("status").asString()).isEqualTo("UP");
    }

    @Test
    void prometheusAnswersTextWithJvmMetricsWithoutCredentials() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
                                .header("Accept", "text/plain")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(response.body()).contains("# TYPE jvm_memory_used_bytes gauge", "application=\"atom\"");
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
    }
}
