package dev.atom.connectors.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The per-service steps for registering an OAuth app, read from docs/connectors.md (bundled into the jar under
 * {@code docs/}), so the Set up panel and the docs are one text. A service's steps are the {@code ###} section
 * under {@link #HEADING} whose title names the connector id in backticks. Immutable after construction.
 */
@Component
class OAuthAppGuides {
    static final String HEADING = "## Registering OAuth apps, service by service";
    /** The steps for connecting without an OAuth app (tokens, API keys, app passwords), by connector or preset. */
    static final String ALONE_HEADING = "## Connecting alone, without an OAuth app";

    private final String docs;

    OAuthAppGuides() {
        this(read());
    }

    OAuthAppGuides(String docs) {
        this.docs = docs;
    }

    /** The Markdown of the connector's steps (without its heading), when the docs have them. */
    Optional<String> steps(String connectorId) {
        return section(HEADING, connectorId);
    }

    /** The Markdown of the steps to connect {@code key} (a connector id or a preset) without an OAuth app. */
    Optional<String> aloneSteps(String key) {
        return section(ALONE_HEADING, key);
    }

    private Optional<String> section(String heading, String connectorId) {
        int start = docs.indexOf("\n" + heading + "\n");
        if (start < 0) {
            return Optional.empty();
        }
        int end = docs.indexOf("\n## ", start + 1);
        String part = end < 0 ? docs.substring(start) : docs.substring(start, end);
        for (String section : part.split("\n### ")) {
            int eol = section.indexOf('\n');
            if (eol > 0 && section.substring(0, eol).contains("`" + connectorId + "`")) {
                return Optional.of(section.substring(eol + 1).strip());
            }
        }
        return Optional.empty();
    }

    /** The section's anchor on GitHub-style renderers, for the link to the whole page. */
    static String anchor() {
        return "registering-oauth-apps-service-by-service";
    }

    private static String read() {
        try (InputStream in = OAuthAppGuides.class.getResourceAsStream("/docs/connectors.md")) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
