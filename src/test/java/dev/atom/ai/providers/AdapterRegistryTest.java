package dev.atom.ai.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atom.testing.AppTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The application wires one adapter per provider of issue 3, all sharing the one HTTP client. */
class AdapterRegistryTest extends AppTestBase {

    @Autowired
    AdapterRegistry registry;

    @Autowired
    ProvidersProperties properties;

    @Test
    void everyProviderHasItsAdapter() {
        assertThat(registry.providers())
                .containsExactly("anthropic", "azure-openai", "deepseek", "gemini", "openai", "openai-compatible");
        for (String provider : registry.providers()) {
            assertThat(registry.get(provider).provider()).isEqualTo(provider);
        }
        assertThat(registry.find("nope")).isEmpty();
        assertThatThrownBy(() -> registry.get("nope")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readTimeoutDefaultsToSixtySeconds() {
        assertThat(properties.readTimeout()).hasSeconds(60);
        assertThat(properties.connectTimeout()).hasSeconds(10);
    }
}
