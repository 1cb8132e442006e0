package dev.atom.ai.ledger;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The numbers and geometry of the usage chart, computed here so the template only draws: one bar per day,
 * stacked by provider, scaled to the highest day. Colors come from a fixed palette in provider order.
 */
record UsageChart(
        List<Day> days,
        List<Legend> legend,
        long totalMicros,
        String total,
        String max,
        int width,
        int height,
        int plotTop,
        int plotBottom) {

    static final int BAR = 16;
    static final int GAP = 4;
    static final int LEFT = 8;
    static final int TOP = 10;
    static final int PLOT = 160;
    private static final String[] PALETTE = {
        "#2563eb", "#d97706", "#059669", "#dc2626", "#7c3aed", "#0891b2", "#be185d", "#4b5563"
    };

    record Segment(String provider, String color, int y, int height, String cost) {}

    record Day(String date, String label, int x, List<Segment> segments, Map<String, String> costs, String total) {}

    record Legend(String provider, String color, String total) {}

    static UsageChart of(LocalDate first, int days, List<UsageLedger.DayCost> rows) {
        TreeSet<String> providers = new TreeSet<>();
        Map<String, Map<String, Long>> byDay = new LinkedHashMap<>();
        for (UsageLedger.DayCost r : rows) {
            providers.add(r.provider());
            byDay.computeIfAbsent(r.day(), d -> new LinkedHashMap<>()).merge(r.provider(), r.costMicros(), Long::sum);
        }
        Map<String, String> colors = new LinkedHashMap<>();
        int c = 0;
        for (String p : providers) {
            colors.put(p, PALETTE[c++ % PALETTE.length]);
        }
        long max = 0;
        for (Map<String, Long> day : byDay.values()) {
            max = Math.max(max, day.values().stream().mapToLong(Long::longValue).sum());
        }
        List<Day> out = new ArrayList<>();
        Map<String, Long> perProvider = new LinkedHashMap<>();
        long total = 0;
        for (int i = 0; i < days; i++) {
            LocalDate date = first.plusDays(i);
            Map<String, Long> costs = byDay.getOrDefault(date.toString(), Map.of());
            int x = LEFT + i * (BAR + GAP);
            int y = TOP + PLOT;
            List<Segment> segments = new ArrayList<>();
            Map<String, String> labels = new LinkedHashMap<>();
            long dayTotal = 0;
            for (String p : providers) {
                long micros = costs.getOrDefault(p, 0L);
                labels.put(p, Budgets.usd(micros));
                dayTotal += micros;
                perProvider.merge(p, micros, Long::sum);
                if (micros > 0 && max > 0) {
                    int h = (int) Math.max(1, Math.round((double) micros * PLOT / max));
                    y -= h;
                    segments.add(new Segment(p, colors.get(p), y, h, Budgets.usd(micros)));
                }
            }
            total += dayTotal;
            out.add(new Day(
                    date.toString(),
                    date.getMonthValue() + "/" + date.getDayOfMonth(),
                    x,
                    segments,
                    labels,
                    Budgets.usd(dayTotal)));
        }
        List<Legend> legend = new ArrayList<>();
        colors.forEach((p, color) -> legend.add(new Legend(p, color, Budgets.usd(perProvider.getOrDefault(p, 0L)))));
        int width = LEFT * 2 + days * (BAR + GAP);
        return new UsageChart(
                out, legend, total, Budgets.usd(total), Budgets.usd(max), width, TOP + PLOT + 20, TOP, TOP + PLOT);
    }
}
