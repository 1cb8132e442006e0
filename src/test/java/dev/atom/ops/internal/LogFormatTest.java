package dev.atom.ops.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class LogFormatTest {

    private static StandardEnvironment environment(String format) {
        var environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of("ATOM_LOG_FORMAT", format)));
        new LogFormat().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    @Test
    void jsonSelectsElasticCommonSchema() {
        assertThat(environment("JSON").getProperty("logging.structured.format.console"))
                .isEqualTo("ecs");
    }

    @Test
    void textKeepsPlainLines() {
        assertThat(environment("text").getProperty("logging.structured.format.console"))
                .isNull();
    }

    @Test
    void anUnknownFormatStopsTheStartWithAClearMessage() {
        assertThatThrownBy(() -> environment("xml"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ATOM_LOG_FORMAT must be 'json' or 'text'");
    }
}
