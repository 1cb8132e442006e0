package dev.atom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.AppTestBase;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class ApplicationStartsTest extends AppTestBase {

    @Test
    void readinessIncludesTheDatabaseAndIsUp() {
        var response = http().get("/actuator/health/readiness");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("status").asString()).isEqualTo("UP");
        var health = http().get("/actuator/health/liveness");
        assertThat(health.status()).isEqualTo(200);
    }

    @Test
    void createsTheSqliteDatabaseInTheDataDir() {
        assertThat(Files.exists(DATA_DIR.resolve("atom.db"))).isTrue();
    }
}
