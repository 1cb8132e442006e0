package dev.atom.workflows.expr;

import java.util.List;

/**
 * A path an expression reads from its context, found without evaluating anything: {@code
 * steps.card.output.url} is root {@code steps} with segments {@code [card, output, url]}. A path stops at the
 * first part computed at run time ({@code items[i].name} gives {@code items}).
 *
 * @param templatePath where the template sits in the definition ({@code steps[1].input.text})
 * @param root the first name ({@code trigger}, {@code steps}, {@code event}, ...)
 * @param segments the fixed field names and list indexes after the root, as text
 * @param text the path as written canonically ({@code items[0].name}, {@code x["odd key"]})
 * @param column the 1-based column of the path in the template string
 */
public record Reference(String templatePath, String root, List<String> segments, String text, int column) {
    public Reference {
        segments = List.copyOf(segments);
    }
}
