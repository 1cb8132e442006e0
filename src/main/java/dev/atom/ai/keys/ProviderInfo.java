package dev.atom.ai.keys;

import java.net.URI;
import java.util.Map;

/**
 * What Atom knows about one provider before any key exists: its display name, where a user gets a key, what a
 * key looks like, the official base URL (null when the user must give one) and which key fields it needs
 * ({@code apiKey}, {@code baseUrl}, {@code deployment}, {@code apiVersion} mapped to {@code required} or
 * {@code optional}).
 */
public record ProviderInfo(
        String id, String name, String keyUrl, String keyFormat, URI defaultBaseUrl, Map<String, String> needs) {

    public static final String REQUIRED = "required";
    public static final String OPTIONAL = "optional";

    public ProviderInfo {
        needs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(needs));
    }

    public boolean requires(String field) {
        return REQUIRED.equals(needs.get(field));
    }

    public boolean accepts(String field) {
        return needs.containsKey(field);
    }
}
