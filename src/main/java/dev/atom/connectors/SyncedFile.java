package dev.atom.connectors;

import java.time.Instant;

/**
 * A file's metadata as a files connector reports it, with the text of small text-like files.
 *
 * @param text the content of a small text-like file (plain text, Markdown, CSV, a Google Doc exported as text),
 *     capped by the connector; null otherwise
 */
public record SyncedFile(
        String externalId,
        String name,
        String path,
        String mimeType,
        long size,
        Instant modifiedAt,
        String modifiedBy,
        String link,
        String text)
        implements SyncedItem {}
