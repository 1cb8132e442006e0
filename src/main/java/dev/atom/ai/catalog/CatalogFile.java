package dev.atom.ai.catalog;

import dev.atom.ai.keys.Providers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The model catalog shipped as {@code ai/models.json}: dated, with the providers' pricing pages as sources.
 * Prices in the file are USD per million tokens as decimals and are converted to micro-dollars exactly (a price
 * finer than a micro-dollar fails start-up rather than being rounded). Azure OpenAI serves OpenAI's models at
 * OpenAI's prices, so its entries are derived from OpenAI's. Immutable after loading; thread-safe.
 */
@Component
class CatalogFile {
    static final String RESOURCE = "ai/models.json";
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /** A model of the file, with what the file says about how sure its figures are. */
    record Entry(ModelInfo model, String notes) {}

    private final String asOf;
    private final Map<String, String> sources;
    private final List<Entry> entries;

    CatalogFile() {
        this(new ClassPathResource(RESOURCE));
    }

    CatalogFile(ClassPathResource resource) {
        try (InputStream in = resource.getInputStream()) {
            JsonNode root = JSON.readTree(in);
            this.asOf = root.required("asOf").asString();
            Map<String, String> sources = new LinkedHashMap<>();
            root.required("sources")
                    .properties()
                    .forEach(e -> sources.put(e.getKey(), e.getValue().asString()));
            this.sources = Map.copyOf(sources);
            this.entries = List.copyOf(parse(root.required("models")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    String asOf() {
        return asOf;
    }

    Map<String, String> sources() {
        return sources;
    }

    List<Entry> entries() {
        return entries;
    }

    List<ModelInfo> models() {
        return entries.stream().map(Entry::model).toList();
    }

    /** USD per million tokens to micro-dollars per million tokens, exactly. */
    static long micros(BigDecimal usd) {
        if (usd.signum() < 0) {
            throw new IllegalArgumentException("a price cannot be negative: " + usd);
        }
        return usd.movePointRight(6).setScale(0, RoundingMode.UNNECESSARY).longValueExact();
    }

    private static List<Entry> parse(JsonNode models) {
        List<Entry> entries = new ArrayList<>();
        List<Entry> azure = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode m : models) {
            String id = m.required("id").asString();
            int slash = id.indexOf('/');
            String provider = slash < 0 ? "" : id.substring(0, slash);
            if (Providers.find(provider).isEmpty() || slash == id.length() - 1) {
                throw new IllegalStateException(RESOURCE + ": model id must be provider/model: " + id);
            }
            if (!ids.add(id)) {
                throw new IllegalStateException(RESOURCE + ": duplicate model " + id);
            }
            int quality = m.required("quality").asInt();
            if (quality < 1 || quality > 100) {
                throw new IllegalStateException(RESOURCE + ": quality of " + id + " must be 1..100");
            }
            Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
            m.required("capabilities")
                    .forEach(c ->
                            capabilities.add(Capability.valueOf(c.asString().toUpperCase(Locale.ROOT))));
            String upstream = id.substring(slash + 1);
            String displayName = m.required("displayName").asString();
            String notes = m.has("notes") ? m.get("notes").asString() : null;
            long input = micros(m.required("input").decimalValue());
            long output = micros(m.required("output").decimalValue());
            long cached = micros(m.required("cachedInput").decimalValue());
            int context = m.required("contextWindow").asInt();
            int maxOutput = m.required("maxOutputTokens").asInt();
            entries.add(new Entry(
                    new ModelInfo(
                            id,
                            provider,
                            upstream,
                            displayName,
                            input,
                            output,
                            cached,
                            context,
                            maxOutput,
                            capabilities,
                            quality),
                    notes));
            if (provider.equals(Providers.OPENAI)) {
                azure.add(new Entry(
                        new ModelInfo(
                                Providers.AZURE_OPENAI + "/" + upstream,
                                Providers.AZURE_OPENAI,
                                upstream,
                                displayName + " (Azure)",
                                input,
                                output,
                                cached,
                                context,
                                maxOutput,
                                capabilities,
                                quality),
                        notes));
            }
        }
        entries.addAll(azure);
        return entries;
    }
}
