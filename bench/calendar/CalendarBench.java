package dev.atom.workspace.calendar;

import dev.atom.connectors.SyncChange;
import dev.atom.connectors.SyncedEvent;
import dev.atom.shared.db.AtomProperties;
import dev.atom.shared.db.DataSources;
import dev.atom.shared.time.Timestamps;
import dev.atom.workspace.sync.SyncScope;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Calendar read benchmarks on SQLite (the default database): 10 calendars (one per user) with a year of events each
 * (6 meetings per weekday plus 5 weekly series), then
 * (1) GET-events work for one viewer who sees all 10 calendars (shared connections): a random week, and a random month;
 * (2) find-time work over 10 attendees who share free/busy: their busy times over two weeks (EventReader.busy, as
 *     FindTimeService reads them), then the slots in working hours. Prints p50/p99 in milliseconds.
 */
public final class CalendarBench {
    public static void main(String[] args) throws Exception {
        int iterations = Integer.parseInt(System.getProperty("iterations", "2000"));
        var dir = Files.createTempDirectory("atom-calendar-bench-");
        var props = new AtomProperties(dir, new AtomProperties.Db("", null, null));
        var ds = DataSources.create(props, 4);
        Flyway.configure().dataSource(ds).locations("classpath:db/migration/sqlite").load().migrate();
        JdbcClient jdbc = JdbcClient.create(ds);
        var tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
        EventRepository events = new EventRepository(jdbc);
        EventStore store = new EventStore(events, tx, e -> {});
        EventReader reader = new EventReader(events, new LocalEventRepository(jdbc));
        String ws = "ws-bench";
        Instant year = Instant.parse("2026-01-05T00:00:00Z");
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Random random = new Random(42);
        int rows = 0;
        for (int c = 0; c < 10; c++) {
            String conn = "conn-" + c;
            jdbc.sql("INSERT INTO connections (id, workspace_id, connector, name, status, created_by, created_at,"
                            + " updated_at, visibility) VALUES (:id, :ws, 'google-calendar', :id, 'connected', :owner,"
                            + " :now, :now, 'shared')")
                    .param("id", conn).param("ws", ws).param("owner", "user-" + c)
                    .param("now", Timestamps.format(year)).update();
            List<SyncChange> changes = new ArrayList<>();
            for (int day = 0; day < 365; day++) {
                Instant d = year.plus(Duration.ofDays(day));
                if (d.atZone(berlin).getDayOfWeek().getValue() > 5) {
                    continue;
                }
                for (int m = 0; m < 6; m++) {
                    Instant s = d.plus(Duration.ofMinutes(7 * 60 + random.nextInt(10 * 4) * 15));
                    changes.add(new SyncChange.Upsert(event(c + "-" + day + "-" + m, c, s, s.plus(Duration.ofMinutes(30 + 30 * random.nextInt(3))), List.of())));
                }
            }
            for (int s = 0; s < 5; s++) {
                Instant st = year.plus(Duration.ofDays(s)).plus(Duration.ofHours(8 + s));
                changes.add(new SyncChange.Upsert(event(c + "-series-" + s, c, st, st.plus(Duration.ofMinutes(30)),
                        List.of("RRULE:FREQ=WEEKLY;INTERVAL=1"))));
            }
            rows += changes.size();
            for (int i = 0; i < changes.size(); i += 500) {
                store.apply(new SyncScope(ws, conn, "google-calendar", "google-calendar.events"),
                        changes.subList(i, Math.min(changes.size(), i + 500)), Instant.now());
            }
        }
        System.out.printf("%d events in 10 calendars over a year (SQLite, %s)%n", rows, dir);
        for (int i = 0; i < 200; i++) { // warm-up
            Instant from = year.plus(Duration.ofDays(random.nextInt(350)));
            reader.read(ws, "viewer", from, from.plus(Duration.ofDays(7)), berlin);
        }
        report("events, one week (10 calendars)", iterations, () -> {
            Instant from = year.plus(Duration.ofDays(7L * random.nextInt(50)));
            int n = reader.read(ws, "viewer", from, from.plus(Duration.ofDays(7)), berlin).occurrences().size();
            if (n < 200) throw new IllegalStateException("too few events: " + n);
        });
        report("events, one month (10 calendars)", iterations / 4, () -> {
            Instant from = year.plus(Duration.ofDays(7L * random.nextInt(46)));
            reader.read(ws, "viewer", from, from.plus(Duration.ofDays(35)), berlin);
        });
        var hours = new FreeTime.WorkingHours(java.time.LocalTime.of(9, 0), java.time.LocalTime.of(17, 0), java.util.Set.of(1, 2, 3, 4, 5));
        report("find-time, asker + 10 attendees, two weeks", iterations / 4, () -> {
            Instant from = year.plus(Duration.ofDays(7L * random.nextInt(48)));
            Instant to = from.plus(Duration.ofDays(14));
            // what FindTimeService does: the asker (user-0) and 10 attendees (user-0 again among them, as before)
            List<String> owners = new ArrayList<>();
            for (int a = 0; a <= 10; a++) {
                owners.add("user-" + (a % 10));
            }
            List<FreeTime.Interval> busy = reader.busy(ws, "user-0", owners, from, to, berlin);
            if (busy.size() < 500) throw new IllegalStateException("too few busy blocks: " + busy.size());
            FreeTime.slots(from, to, berlin, Duration.ofMinutes(30), Duration.ZERO, hours, busy);
        });
        ds.close();
        try (var files = Files.walk(dir)) { // the database is throw-away
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private static SyncedEvent event(String id, int calendar, Instant start, Instant end, List<String> rules) {
        return new SyncedEvent(id, "cal-" + calendar, "Calendar " + calendar, "#0b8043", "Meeting " + id, null, null,
                start, end, false, null, null, "Europe/Berlin", null, null, rules, null, null, false, true, null, null,
                start);
    }

    private static void report(String what, int n, Runnable work) {
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            work.run();
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        System.out.printf("%-45s n=%d  p50 %.2f ms  p99 %.2f ms  max %.2f ms%n", what, n,
                nanos[n / 2] / 1e6, nanos[(int) (n * 0.99)] / 1e6, nanos[n - 1] / 1e6);
    }
}
