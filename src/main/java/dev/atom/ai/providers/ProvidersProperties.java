package dev.atom.ai.providers;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the provider adapters ({@code atom.ai.providers.*}). {@code readTimeout} bounds the wait for a
 * provider's first byte (the response headers) and, while streaming, the silence between two chunks.
 */
@ConfigurationProperties("atom.ai.providers")
public record ProvidersProperties(
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("60s") Duration readTimeout) {}
