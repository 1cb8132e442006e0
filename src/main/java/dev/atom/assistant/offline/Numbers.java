package dev.atom.assistant.offline;

import java.time.Duration;
import java.util.Map;

/** Number words and time units as people type them ("an hour", "two days", "1.5 h"). */
final class Numbers {
    /** A regex alternative for an amount: digits or a number word. */
    static final String AMOUNT = "(\\d+(?:\\.\\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
            + "|fifteen|twenty|thirty|forty[- ]five|forty|fifty|sixty|ninety|half an?|a couple of|a few|couple of|few)";

    private static final Map<String, Double> WORDS = Map.ofEntries(
            Map.entry("a", 1.0),
            Map.entry("an", 1.0),
            Map.entry("one", 1.0),
            Map.entry("two", 2.0),
            Map.entry("three", 3.0),
            Map.entry("four", 4.0),
            Map.entry("five", 5.0),
            Map.entry("six", 6.0),
            Map.entry("seven", 7.0),
            Map.entry("eight", 8.0),
            Map.entry("nine", 9.0),
            Map.entry("ten", 10.0),
            Map.entry("eleven", 11.0),
            Map.entry("twelve", 12.0),
            Map.entry("fifteen", 15.0),
            Map.entry("twenty", 20.0),
            Map.entry("thirty", 30.0),
            Map.entry("forty", 40.0),
            Map.entry("forty-five", 45.0),
            Map.entry("forty five", 45.0),
            Map.entry("fifty", 50.0),
            Map.entry("sixty", 60.0),
            Map.entry("ninety", 90.0),
            Map.entry("half a", 0.5),
            Map.entry("half an", 0.5),
            Map.entry("a couple of", 2.0),
            Map.entry("couple of", 2.0),
            Map.entry("a few", 3.0),
            Map.entry("few", 3.0));

    private Numbers() {}

    static double amount(String text) {
        Double word = WORDS.get(text);
        return word != null ? word : Double.parseDouble(text);
    }

    /** The unit's kind: 'm' minutes, 'h' hours, 'd' days, 'w' weeks, 'M' months. */
    static char unit(String unit) {
        if (unit.startsWith("mo")) {
            return 'M';
        }
        return unit.charAt(0);
    }

    /** A duration of {@code amount} minutes or hours (other units are not durations of an event). */
    static Duration duration(double amount, char unit) {
        double minutes = unit == 'h' ? amount * 60 : amount;
        return Duration.ofSeconds(Math.round(minutes * 60));
    }
}
