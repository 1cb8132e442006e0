package dev.atom.assistant.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the offline parser over the hand-written evaluation set (src/test/resources/assistant/offline-eval.jsonl)
 * at a fixed moment: Thursday 2026-03-26 10:30 in Europe/Berlin, three days before the clocks go forward. A case
 * passes when the intent and every field of it are as expected; a field the case leaves out must be empty. Cases
 * marked {@code "set": "holdout"} were written after the parser and not used to tune it; their score is printed
 * apart, as the fairer figure for requests nobody has seen.
 */
class OfflineEvalTest {
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final ZonedDateTime NOW = ZonedDateTime.of(2026, 3, 26, 10, 30, 0, 0, ZONE);
    /** Set from the measured score (see docs/assistant.md, "Offline mode"); raise it as the parser improves. */
    static final double THRESHOLD = 0.95;

    private static final Map<String, List<String>> FIELDS = Map.of(
            "create_task", List.of("title", "due", "dueTime", "priority"),
            "complete_task", List.of("name"),
            "list_tasks", List.of("range"),
            "agenda", List.of("from", "to"),
            "create_event", List.of("title", "start", "end", "allDay"),
            "find_slot", List.of("minutes", "from", "to"),
            "search", List.of("query"),
            "briefing", List.of(),
            "unknown", List.of());

    record Case(JsonNode expected, boolean core, boolean holdout) {
        String text() {
            return expected.get("text").asString();
        }

        String intent() {
            return expected.get("intent").asString();
        }
    }

    record Result(Case c, Map<String, Object> actual, List<String> wrong) {
        boolean passed() {
            return wrong.isEmpty();
        }
    }

    static List<Case> cases;

    @BeforeAll
    static void load() throws IOException {
        cases = read();
    }

    static List<Case> read() throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        List<Case> out = new ArrayList<>();
        try (InputStream in = OfflineEvalTest.class.getResourceAsStream("/assistant/offline-eval.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    JsonNode node = json.readTree(line);
                    out.add(new Case(
                            node,
                            node.path("core").asBoolean(false),
                            "holdout".equals(node.path("set").asString(""))));
                }
            }
        }
        return out;
    }

    static Result run(IntentParser parser, Case c) {
        Map<String, Object> actual = IntentJson.of(parser.parse(c.text(), NOW), ZONE);
        List<String> wrong = new ArrayList<>();
        if (!c.intent().equals(actual.get("intent"))) {
            wrong.add("intent=" + actual.get("intent"));
        } else {
            for (String field : FIELDS.get(c.intent())) {
                String want = expected(c.expected(), field);
                String got = actual.get(field) == null ? null : String.valueOf(actual.get(field));
                if (!Objects.equals(want, got)) {
                    wrong.add(field + "=" + got + " (expected " + want + ")");
                }
            }
        }
        return new Result(c, actual, wrong);
    }

    private static String expected(JsonNode c, String field) {
        JsonNode v = c.get(field);
        if (v != null && !v.isNull()) {
            return v.isString() ? v.asString() : v.toString();
        }
        return switch (field) {
            case "priority" -> "none";
            case "allDay" -> "false";
            default -> null;
        };
    }

    @Test
    void theSetIsLargeAndCoversEveryIntent() {
        assertThat(cases).hasSizeGreaterThanOrEqualTo(120);
        assertThat(cases.stream().map(Case::intent).distinct()).containsExactlyInAnyOrderElementsOf(FIELDS.keySet());
    }

    @Test
    void scoresAboveTheThreshold() {
        IntentParser parser = new IntentParser();
        Map<String, int[]> perIntent = new TreeMap<>();
        int passed = 0;
        int holdout = 0;
        int holdoutPassed = 0;
        StringBuilder misses = new StringBuilder();
        for (Case c : cases) {
            Result r = run(parser, c);
            int[] tally = perIntent.computeIfAbsent(c.intent(), k -> new int[2]);
            tally[1]++;
            holdout += c.holdout() ? 1 : 0;
            if (r.passed()) {
                tally[0]++;
                passed++;
                holdoutPassed += c.holdout() ? 1 : 0;
            } else {
                misses.append("  MISS ")
                        .append(c.text())
                        .append(" -> ")
                        .append(r.wrong())
                        .append('\n');
            }
        }
        double score = (double) passed / cases.size();
        StringBuilder report = new StringBuilder("Offline parser evaluation\n");
        perIntent.forEach((intent, t) ->
                report.append(String.format("  %-14s %3d / %3d  %5.1f%%%n", intent, t[0], t[1], 100.0 * t[0] / t[1])));
        report.append(String.format("  %-14s %3d / %3d  %5.1f%%%n", "all", passed, cases.size(), 100 * score));
        report.append(String.format(
                "  %-14s %3d / %3d  %5.1f%%%n", "held out", holdoutPassed, holdout, 100.0 * holdoutPassed / holdout));
        System.out.print(report.append(misses));
        assertThat(score).as(report.toString()).isGreaterThanOrEqualTo(THRESHOLD);
    }

    @Test
    void everyCoreExamplePasses() {
        IntentParser parser = new IntentParser();
        List<String> failed = cases.stream()
                .filter(Case::core)
                .map(c -> run(parser, c))
                .filter(r -> !r.passed())
                .map(r -> r.c().text() + " -> " + r.wrong())
                .toList();
        assertThat(cases.stream().filter(Case::core).count()).isGreaterThanOrEqualTo(15);
        assertThat(failed).as("core examples that regressed").isEmpty();
    }
}
