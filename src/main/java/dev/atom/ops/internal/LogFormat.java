package dev.atom.ops.internal;

import java.util.Locale;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Maps {@code ATOM_LOG_FORMAT} to Spring Boot's logging settings before the logging system starts:
 * {@code json} (or {@code ecs}) writes one Elastic Common Schema JSON object per line with the MDC (so the
 * request id) as fields; {@code logstash} and {@code gelf} pick those schemas; {@code text} or unset keeps
 * plain lines. Registered in META-INF/spring.factories.
 */
class LogFormat implements EnvironmentPostProcessor {
    static final String VARIABLE = "ATOM_LOG_FORMAT";
    private static final String PROPERTY = "logging.structured.format.console";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String value = environment.getProperty(VARIABLE, "").trim().toLowerCase(Locale.ROOT);
        String format = switch (value) {
            case "", "text", "plain" -> null;
            case "json", "ecs" -> "ecs";
            case "logstash", "gelf" -> value;
            default ->
                throw new IllegalStateException(
                        VARIABLE + " must be 'json' or 'text' (or 'logstash', 'gelf'), not '" + value + "'");
        };
        if (format != null && !environment.containsProperty(PROPERTY)) {
            environment.getPropertySources().addLast(new MapPropertySource("atomLogFormat", Map.of(PROPERTY, format)));
        }
    }
}
