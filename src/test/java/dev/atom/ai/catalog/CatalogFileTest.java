package dev.atom.ai.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atom.ai.keys.ProviderInfo;
import dev.atom.ai.keys.Providers;
import java.math.BigDecimal;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The shipped catalog file: dated, sourced, complete, and converted to micro-dollars without rounding. */
class CatalogFileTest {
    private final CatalogFile file = new CatalogFile();
    private final Map<String, ModelInfo> byId =
            file.models().stream().collect(Collectors.toMap(ModelInfo::id, Function.identity()));

    @Test
    void isDatedAndNamesAPricingPageForEveryProviderWithModels() {
        assertThat(file.asOf()).matches("\\d{4}-\\d{2}-\\d{2}");
        for (String provider : Providers.all().stream().map(ProviderInfo::id).toList()) {
            if (provider.equals(Providers.OPENAI_COMPATIBLE)) {
                continue;
            }
            assertThat(file.sources().get(provider)).as(provider).startsWith("https://");
        }
    }

    @Test
    void hasChatModelsOfEveryProviderAndEmbeddingModels() {
        for (String provider : new String[] {"openai", "anthropic", "gemini", "deepseek", "azure-openai"}) {
            assertThat(file.models().stream()
                            .filter(m -> m.provider().equals(provider) && m.can(Capability.TOOLS))
                            .count())
                    .as(provider)
                    .isGreaterThanOrEqualTo(2);
        }
        assertThat(byId.get("openai/text-embedding-3-small").can(Capability.EMBEDDINGS))
                .isTrue();
        assertThat(byId.get("gemini/gemini-embedding-001").can(Capability.EMBEDDINGS))
                .isTrue();
        file.models().forEach(m -> {
            assertThat(m.contextWindow()).as(m.id()).isPositive();
            assertThat(m.quality()).as(m.id()).isBetween(1, 100);
            assertThat(m.id()).isEqualTo(m.provider() + "/" + m.upstreamName());
            if (!m.can(Capability.EMBEDDINGS)) {
                assertThat(m.maxOutputTokens()).as(m.id()).isPositive();
                assertThat(m.outputPricePerMillion()).as(m.id()).isPositive();
            }
        });
    }

    @Test
    void pricesAreMicroDollarsExactly() {
        ModelInfo luna = byId.get("openai/gpt-5.6-luna");
        assertThat(luna.inputPricePerMillion()).isEqualTo(200_000);
        assertThat(luna.cachedInputPricePerMillion()).isEqualTo(20_000);
        assertThat(luna.outputPricePerMillion()).isEqualTo(1_200_000);
        assertThat(byId.get("gemini/gemini-3.8-flash").cachedInputPricePerMillion())
                .isEqualTo(75_000);
        assertThat(byId.get("deepseek/deepseek-chat").cachedInputPricePerMillion())
                .isEqualTo(28_000);
        assertThat(byId.get("anthropic/claude-opus-5-5").outputPricePerMillion())
                .isEqualTo(20_000_000);
        assertThat(CatalogFile.micros(new BigDecimal("0.000001"))).isEqualTo(1);
        assertThat(CatalogFile.micros(new BigDecimal("1E+2"))).isEqualTo(100_000_000);
        assertThatThrownBy(() -> CatalogFile.micros(new BigDecimal("0.0000001")))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> CatalogFile.micros(new BigDecimal("-1"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void azureServesOpenAisModelsAtOpenAisPrices() {
        ModelInfo openai = byId.get("openai/gpt-6-astra");
        ModelInfo azure = byId.get("azure-openai/gpt-6-astra");
        assertThat(azure.provider()).isEqualTo("azure-openai");
        assertThat(azure.upstreamName()).isEqualTo("gpt-6-astra");
        assertThat(azure.inputPricePerMillion()).isEqualTo(openai.inputPricePerMillion());
        assertThat(azure.outputPricePerMillion()).isEqualTo(openai.outputPricePerMillion());
        assertThat(azure.cachedInputPricePerMillion()).isEqualTo(openai.cachedInputPricePerMillion());
        assertThat(azure.contextWindow()).isEqualTo(openai.contextWindow());
    }
}
