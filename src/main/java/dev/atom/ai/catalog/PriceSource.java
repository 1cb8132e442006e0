package dev.atom.ai.catalog;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a model's price comes from: the shipped catalog, a workspace admin's override, or nowhere (0). */
public enum PriceSource {
    CATALOG,
    OVERRIDE,
    UNKNOWN;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
