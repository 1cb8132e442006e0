package dev.atom.ops.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.AppTestBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Plain-text log lines carry the request id (the JSON variant is {@link JsonLogsTest}). */
@ExtendWith(OutputCaptureExtension.class)
class RequestLoggingTest extends AppTestBase {

    @AfterEach
    void restoreLevel() {
        LoggingSystem.get(getClass().getClassLoader()).setLogLevel(RequestIdFilter.class.getName(), null);
    }

    @Test
    void everyLineOfARequestCarriesItsId(CapturedOutput output) {
        LoggingSystem.get(getClass().getClassLoader()).setLogLevel(RequestIdFilter.class.getName(), LogLevel.DEBUG);

        http().header("X-Request-Id", "plain-log-42").get("/actuator/health/liveness");

        assertThat(output.getOut().lines().filter(line -> line.contains("GET /actuator/health/liveness -> 200")))
                .singleElement()
                .asString()
                .contains(" [plain-log-42] ");
    }
}
