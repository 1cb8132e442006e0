package dev.atom.ai.gateway;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Routing settings ({@code atom.ai.routing.*}): a key+provider's circuit opens after {@code failureThreshold}
 * retriable failures in a row and stays open for {@code coolDown}; on the last candidate a Retry-After up to
 * {@code maxRetryAfterWait} is waited out once.
 */
@ConfigurationProperties("atom.ai.routing")
record RoutingProperties(
        @DefaultValue("5") int failureThreshold,
        @DefaultValue("30s") Duration coolDown,
        @DefaultValue("2s") Duration maxRetryAfterWait) {}
