package dev.atom.workspace.calendar;

import static dev.atom.workspace.calendar.CalendarFixtures.allDay;
import static dev.atom.workspace.calendar.CalendarFixtures.connection;
import static dev.atom.workspace.calendar.CalendarFixtures.override;
import static dev.atom.workspace.calendar.CalendarFixtures.timed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.connectors.SyncChange;
import dev.atom.connectors.SyncedEvent;
import dev.atom.shared.Ids;
import dev.atom.testing.TestDatabase;
import dev.atom.workspace.search.SearchDocument;
import dev.atom.workspace.search.SearchDocumentsChanged;
import dev.atom.workspace.sync.SyncScope;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The calendar's store and repositories on SQLite and (when configured) PostgreSQL: pages of sync changes applied,
 * swept and removed with their connection; reads limited to what a member may see; series expanded at read time.
 */
@ParameterizedClass
@MethodSource("dev.atom.testing.TestDatabases#all")
class CalendarStoreTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    @Parameter
    TestDatabase db;

    EventRepository events;
    LocalEventRepository local;
    CalendarSettingsRepository settings;
    EventStore store;
    EventReader reader;
    List<SearchDocumentsChanged> published = new ArrayList<>();
    String ws;
    SyncScope ann;
    SyncScope bobPrivate;
    SyncScope bobShared;

    @BeforeEach
    void setUp() {
        events = new EventRepository(db.jdbc());
        local = new LocalEventRepository(db.jdbc());
        settings = new CalendarSettingsRepository(db.jdbc());
        store = new EventStore(events, db.transactions(), e -> published.add((SearchDocumentsChanged) e));
        reader = new EventReader(events, local);
        ws = Ids.newId();
        ann = scope(connection(db.jdbc(), ws, Ids.newId(), "ann", "google-calendar", "private"));
        bobPrivate = scope(connection(db.jdbc(), ws, Ids.newId(), "bob", "google-calendar", "private"));
        bobShared = scope(connection(db.jdbc(), ws, Ids.newId(), "bob", "caldav", "shared"));
    }

    private SyncScope scope(String connectionId) {
        return new SyncScope(ws, connectionId, "google-calendar", "google-calendar.events");
    }

    private static SyncChange up(SyncedEvent e) {
        return new SyncChange.Upsert(e);
    }

    private List<String> titles(String viewer, String from, String to) {
        return reader.read(ws, viewer, Instant.parse(from), Instant.parse(to), BERLIN).occurrences().stream()
                .map(Occurrence::title)
                .toList();
    }

    @Test
    void appliesPagesIdempotentlyKeepingTheAtomIdAndPublishingSearchChanges() {
        var standup = timed("e1", "Standup", "2026-03-02T08:30:00Z", "2026-03-02T08:45:00Z");
        store.apply(ann, List.of(up(standup)), T0);
        String id = events.idOf(ws, ann.connectionId(), ann.feedId(), "e1").orElseThrow();
        store.apply(ann, List.of(up(standup)), T0);
        assertThat(store.count(ann)).isEqualTo(1);

        var renamed = timed("e1", "Daily standup", "2026-03-02T08:30:00Z", "2026-03-02T08:45:00Z");
        store.apply(ann, List.of(up(renamed)), T0.plusSeconds(60));
        EventRow row = events.find(ws, "ann", id).orElseThrow();
        assertThat(row.event()).isEqualTo(renamed);
        assertThat(row.syncedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(published).hasSize(3);
        SearchDocument doc = published.getLast().upserted().getFirst();
        assertThat(doc.type()).isEqualTo("event");
        assertThat(doc.id()).isEqualTo(id);
        assertThat(doc.connectionId()).isEqualTo(ann.connectionId());
        assertThat(doc.title()).isEqualTo("Daily standup");
        assertThat(doc.fields()).containsEntry("from", "gina@example.com");

        store.apply(ann, List.of(new SyncChange.Removed("e1")), T0.plusSeconds(120));
        assertThat(store.count(ann)).isZero();
        assertThat(published.getLast().removed()).containsExactly("event:" + id);
    }

    @Test
    void sweepRemovesWhatAFullResyncNoLongerSawAndRemovingAConnectionRemovesItsEvents() {
        store.apply(
                ann,
                List.of(
                        up(timed("old", "Old", "2026-03-02T08:00:00Z", "2026-03-02T09:00:00Z")),
                        up(timed("kept", "Kept", "2026-03-03T08:00:00Z", "2026-03-03T09:00:00Z"))),
                T0);
        store.apply(bobShared, List.of(up(timed("b1", "Bob's", "2026-03-02T08:00:00Z", "2026-03-02T09:00:00Z"))), T0);
        Instant resync = T0.plusSeconds(3600);
        store.apply(ann, List.of(up(timed("kept", "Kept", "2026-03-03T08:00:00Z", "2026-03-03T09:00:00Z"))), resync);
        assertThat(store.sweep(ann, resync)).isEqualTo(1);
        assertThat(store.count(ann)).isEqualTo(1);
        assertThat(store.count(bobShared)).as("another connection is untouched").isEqualTo(1);

        assertThat(store.removeConnection(ws, ann.connectionId())).isEqualTo(1);
        assertThat(store.count(ann)).isZero();
        assertThat(store.count(bobShared)).isEqualTo(1);
    }

    @Test
    void aMemberSeesTheirOwnPrivateCalendarsAndSharedOnesNeverAColleaguesPrivateOne() {
        store.apply(ann, List.of(up(timed("a", "Ann's 1:1", "2026-03-02T08:00:00Z", "2026-03-02T09:00:00Z"))), T0);
        store.apply(
                bobPrivate,
                List.of(up(timed("b", "Bob's doctor", "2026-03-02T10:00:00Z", "2026-03-02T11:00:00Z"))),
                T0);
        store.apply(
                bobShared, List.of(up(timed("t", "Team offsite", "2026-03-02T12:00:00Z", "2026-03-02T13:00:00Z"))), T0);

        assertThat(titles("ann", "2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z"))
                .containsExactly("Ann's 1:1", "Team offsite");
        assertThat(titles("bob", "2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z"))
                .containsExactly("Bob's doctor", "Team offsite");
        String bobsId = events.idOf(ws, bobPrivate.connectionId(), bobPrivate.feedId(), "b")
                .orElseThrow();
        assertThat(events.find(ws, "ann", bobsId)).isEmpty();
        assertThat(events.find(ws, "bob", bobsId)).isPresent();
        assertThat(events.calendars(ws, "ann"))
                .extracting(CalendarRef::connection)
                .containsExactlyInAnyOrder(ann.connectionId(), bobShared.connectionId());

        // free/busy of a colleague who shares it: all of their calendars, read by the owner filter
        var bobsAll = reader.read(
                ws,
                new EventRepository.Reader("ann", "bob", true),
                null,
                Instant.parse("2026-03-02T00:00:00Z"),
                Instant.parse("2026-03-03T00:00:00Z"),
                BERLIN);
        assertThat(bobsAll.occurrences()).extracting(Occurrence::title).containsExactly("Bob's doctor", "Team offsite");
        assertThat(events.ownConnections(ws, "bob", List.of("google-calendar")))
                .extracting(EventRepository.OwnConnection::id)
                .containsExactly(bobPrivate.connectionId());
    }

    @Test
    void aWeeklySeriesKeepsItsLocalTimeAcrossDaylightSavingAndHonoursExdatesAndOverrides() {
        // 09:00 Berlin every Monday from 2 March (CET) past 29 March (CEST)
        var series = timed(
                "s1",
                "primary",
                "Standup",
                Instant.parse("2026-03-02T08:00:00Z"),
                Instant.parse("2026-03-02T08:15:00Z"),
                "Europe/Berlin",
                List.of("RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=6", "EXDATE;TZID=Europe/Berlin:20260316T090000"));
        var moved = override(
                "s1_20260323T080000Z",
                "s1",
                Instant.parse("2026-03-23T08:00:00Z"),
                Instant.parse("2026-03-23T13:00:00Z"),
                Instant.parse("2026-03-23T13:15:00Z"),
                false);
        var cancelled = override(
                "s1_20260406T070000Z",
                "s1",
                Instant.parse("2026-04-06T07:00:00Z"),
                Instant.parse("2026-04-06T07:00:00Z"),
                Instant.parse("2026-04-06T07:15:00Z"),
                true);
        store.apply(ann, List.of(up(series), up(moved), up(cancelled)), T0);
        var occ = reader.read(
                        ws, "ann", Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-05-01T00:00:00Z"), BERLIN)
                .occurrences();
        assertThat(occ)
                .extracting(o -> o.start().atZone(BERLIN).toLocalDateTime().toString())
                .containsExactly("2026-03-02T09:00", "2026-03-09T09:00", "2026-03-23T14:00", "2026-03-30T09:00");
        assertThat(occ.get(3).start()).as("after the clocks change").isEqualTo(Instant.parse("2026-03-30T07:00:00Z"));
        assertThat(occ).allMatch(Occurrence::recurring);
        String seriesId =
                events.idOf(ws, ann.connectionId(), ann.feedId(), "s1").orElseThrow();
        assertThat(occ.getFirst().id()).isEqualTo(seriesId + "_20260302T080000Z");
        assertThat(events.series(events.find(
                                ws,
                                "ann",
                                events.idOf(ws, ann.connectionId(), ann.feedId(), moved.externalId())
                                        .orElseThrow())
                        .orElseThrow()))
                .map(EventRow::id)
                .contains(seriesId);

        // removing the series removes its overrides too
        store.apply(ann, List.of(new SyncChange.Removed("s1")), T0);
        assertThat(store.count(ann)).isZero();
    }

    @Test
    void aBrokenRecurrenceIsKeptWithItsReasonAndSkippedWhenReading() {
        var broken = timed(
                "bad",
                "primary",
                "Broken",
                Instant.parse("2026-03-02T08:00:00Z"),
                Instant.parse("2026-03-02T09:00:00Z"),
                "Europe/Berlin",
                List.of("RRULE:FREQ=SOMETIMES;BYDAY=XX"));
        store.apply(
                ann, List.of(up(broken), up(timed("ok", "Fine", "2026-03-02T10:00:00Z", "2026-03-02T11:00:00Z"))), T0);
        var result = reader.read(
                ws, "ann", Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-03-08T00:00:00Z"), BERLIN);
        assertThat(result.occurrences()).extracting(Occurrence::title).containsExactly("Fine");
        assertThat(result.skipped()).singleElement().satisfies(s -> {
            assertThat(s.title()).isEqualTo("Broken");
            assertThat(s.reason()).contains("recurrence");
        });
    }

    @Test
    void allDayEventsLandOnTheirDaysInTheViewersZone() {
        store.apply(
                ann,
                List.of(up(allDay("h", "Holiday", LocalDate.parse("2026-03-03"), LocalDate.parse("2026-03-04")))),
                T0);
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        var occ = reader.read(
                        ws, "ann", Instant.parse("2026-03-02T15:00:00Z"), Instant.parse("2026-03-03T15:00:00Z"), tokyo)
                .occurrences();
        assertThat(occ).singleElement().satisfies(o -> {
            assertThat(o.allDay()).isTrue();
            assertThat(o.startDate()).isEqualTo(LocalDate.parse("2026-03-03"));
            assertThat(o.start()).isEqualTo(Instant.parse("2026-03-02T15:00:00Z"));
        });
        assertThat(reader.read(
                                ws,
                                "ann",
                                Instant.parse("2026-03-03T15:00:00Z"),
                                Instant.parse("2026-03-04T15:00:00Z"),
                                tokyo)
                        .occurrences())
                .isEmpty();
    }

    @Test
    void localEventsBelongToTheirOwnerAlone() {
        Instant at = Instant.parse("2026-03-02T08:00:00Z");
        var e = new LocalEvent(
                Ids.newId(),
                ws,
                "ann",
                "Focus",
                "deep work",
                null,
                at,
                at.plusSeconds(3600),
                false,
                "Europe/Berlin",
                List.of("bob@example.com"),
                true,
                at,
                at);
        local.insert(e);
        assertThat(local.find(ws, "ann", e.id())).contains(e);
        assertThat(local.find(ws, "bob", e.id())).isEmpty();
        assertThat(local.inRange(ws, "ann", at.minusSeconds(60), at.plusSeconds(60)))
                .containsExactly(e);
        assertThat(local.inRange(ws, "bob", at.minusSeconds(60), at.plusSeconds(60)))
                .isEmpty();
        assertThat(local.inRange(ws, List.of("bob", "ann"), at.minusSeconds(60), at.plusSeconds(60)))
                .as("several owners in one read")
                .containsExactly(e);
        assertThat(local.inRange(ws, List.<String>of(), at.minusSeconds(60), at.plusSeconds(60)))
                .isEmpty();

        var moved = new LocalEvent(
                e.id(),
                ws,
                "ann",
                "Focus time",
                null,
                "Desk",
                at.plusSeconds(7200),
                at.plusSeconds(9000),
                false,
                "Europe/Berlin",
                List.of(),
                true,
                at,
                at.plusSeconds(10));
        assertThat(local.update(moved)).isTrue();
        assertThat(local.update(
                        new LocalEvent(e.id(), ws, "bob", "x", null, null, at, at, false, null, null, true, at, at)))
                .isFalse();
        assertThat(local.find(ws, "ann", e.id())).contains(moved);
        List<LocalEvent> all = new ArrayList<>();
        local.forEach(all::add);
        assertThat(all).contains(moved);
        assertThat(local.delete(ws, "bob", e.id())).isFalse();
        assertThat(local.delete(ws, "ann", e.id())).isTrue();
        assertThat(local.find(ws, "ann", e.id())).isEmpty();
    }

    @Test
    void searchRebuildsFromEveryEventExceptCancelledOnes() {
        store.apply(ann, List.of(up(timed("a", "Planning", "2026-03-02T08:00:00Z", "2026-03-02T09:00:00Z"))), T0);
        List<EventRow> rows = new ArrayList<>();
        events.forEach(r -> {
            if (r.workspaceId().equals(ws)) {
                rows.add(r);
            }
        });
        assertThat(rows).extracting(r -> r.event().title()).containsExactly("Planning");
        List<SearchDocument> docs = new ArrayList<>();
        new EventSearch(events, local).forEach(d -> {
            if (d.workspaceId().equals(ws)) {
                docs.add(d);
            }
        });
        assertThat(docs).extracting(SearchDocument::title).containsExactly("Planning");
    }

    @Test
    void freeBusySharingIsOffUntilTheOwnerTurnsItOn() {
        assertThat(settings.sharesFreeBusy(ws, "bob")).isFalse();
        settings.setSharesFreeBusy(ws, "bob", true, T0);
        assertThat(settings.sharesFreeBusy(ws, "bob")).isTrue();
        assertThat(settings.sharesFreeBusy(Ids.newId(), "bob"))
                .as("per workspace")
                .isFalse();
        settings.setSharesFreeBusy(ws, "bob", false, T0);
        assertThat(settings.sharesFreeBusy(ws, "bob")).isFalse();
    }

    @Test
    void theRepositoryUpsertsReadsRemovesAndSweepsRowsOfOneFeed() {
        String conn = ann.connectionId();
        String feed = ann.feedId();
        var planning = timed("p", "Planning", "2026-03-02T08:00:00Z", "2026-03-02T09:00:00Z");
        String id = events.upsert(ws, conn, feed, planning, null, T0);
        assertThat(events.upsert(ws, conn, feed, planning, null, T0.plusSeconds(1)))
                .as("the Atom id is kept")
                .isEqualTo(id);
        events.upsert(ws, conn, feed, timed("q", "Review", "2026-03-05T08:00:00Z", "2026-03-05T09:00:00Z"), null, T0);
        assertThat(events.count(ws, conn, feed)).isEqualTo(2);

        var reader = EventRepository.Reader.viewer("ann");
        assertThat(events.inRange(
                        ws, reader, Instant.parse("2026-03-02T00:00:00Z"), Instant.parse("2026-03-03T00:00:00Z")))
                .extracting(r -> r.event().title())
                .containsExactly("Planning");
        assertThat(events.inRange(
                        ws,
                        EventRepository.Reader.viewer("bob"),
                        Instant.parse("2026-03-02T00:00:00Z"),
                        Instant.parse("2026-03-03T00:00:00Z")))
                .as("another member never reads a private calendar")
                .isEmpty();

        assertThat(events.remove(ws, conn, feed, "p", false)).containsExactly(id);
        assertThat(events.sweep(ws, conn, feed, T0.plusSeconds(1))).hasSize(1);
        events.upsert(ws, conn, feed, planning, null, T0);
        assertThat(events.removeConnection(ws, conn)).hasSize(1);
        assertThat(events.count(ws, conn, feed)).isZero();
    }

    @Test
    void aRangeReadFindsShortRowsLongRowsAndOverridesThroughTheirOwnBranches() {
        String conn = ann.connectionId();
        String feed = ann.feedId();
        // a 20-day conference (long_span) that started well before the range and ends after it
        events.upsert(
                ws, conn, feed, timed("c", "Conference", "2026-02-20T08:00:00Z", "2026-03-12T17:00:00Z"), null, T0);
        // a short event just before the range, one inside it, one after it
        events.upsert(ws, conn, feed, timed("b", "Before", "2026-03-01T08:00:00Z", "2026-03-01T09:00:00Z"), null, T0);
        events.upsert(ws, conn, feed, timed("i", "Inside", "2026-03-09T08:00:00Z", "2026-03-09T09:00:00Z"), null, T0);
        events.upsert(ws, conn, feed, timed("a", "After", "2026-03-20T08:00:00Z", "2026-03-20T09:00:00Z"), null, T0);
        // a weekly series from January (long_span), and an override that moved one of its occurrences out
        events.upsert(
                ws,
                conn,
                feed,
                timed(
                        "s",
                        "primary",
                        "Weekly",
                        Instant.parse("2026-01-05T09:00:00Z"),
                        Instant.parse("2026-01-05T09:30:00Z"),
                        "UTC",
                        List.of("RRULE:FREQ=WEEKLY")),
                null,
                T0);
        events.upsert(
                ws,
                conn,
                feed,
                override(
                        "s_0309",
                        "s",
                        Instant.parse("2026-03-09T09:00:00Z"),
                        Instant.parse("2026-04-20T09:00:00Z"),
                        Instant.parse("2026-04-20T09:30:00Z"),
                        false),
                null,
                T0);
        Instant from = Instant.parse("2026-03-09T00:00:00Z");
        Instant to = Instant.parse("2026-03-10T00:00:00Z");

        assertThat(events.inRange(ws, EventRepository.Reader.viewer("ann"), from, to))
                .extracting(r -> r.event().externalId())
                .as("the margin of two days either side, each row once, by start")
                .containsExactly("s", "c", "i", "s_0309");
        assertThat(reader.read(ws, "ann", from, to, BERLIN).occurrences())
                .extracting(Occurrence::title)
                .as("the moved occurrence is not shown on its old day")
                .containsExactly("Conference", "Inside");
        assertThat(EventRepository.isLongSpan(timed("x", "x", "2026-03-01T08:00:00Z", "2026-03-08T08:00:00Z")))
                .isFalse();
        assertThat(EventRepository.isLongSpan(timed("x", "x", "2026-03-01T08:00:00Z", "2026-03-08T08:00:01Z")))
                .isTrue();
    }

    @Test
    void busyTimesOfSeveralOwnersComeFromAllTheirCalendarsInOneRead() {
        store.apply(ann, List.of(up(timed("a", "Ann's 1:1", "2026-03-02T08:00:00Z", "2026-03-02T09:00:00Z"))), T0);
        store.apply(
                bobPrivate,
                List.of(up(timed("b", "Bob's doctor", "2026-03-02T10:00:00Z", "2026-03-02T11:00:00Z"))),
                T0);
        store.apply(
                bobShared, List.of(up(timed("t", "Team offsite", "2026-03-02T12:00:00Z", "2026-03-02T13:00:00Z"))), T0);
        Instant from = Instant.parse("2026-03-02T00:00:00Z");
        Instant to = Instant.parse("2026-03-03T00:00:00Z");

        assertThat(events.inRange(ws, new EventRepository.Reader("ann", List.of("ann", "bob"), true), from, to))
                .extracting(r -> r.event().title())
                .containsExactly("Ann's 1:1", "Bob's doctor", "Team offsite");
        assertThat(events.inRange(ws, new EventRepository.Reader("ann", List.of("bob"), false), from, to))
                .extracting(r -> r.event().title())
                .as("without allOfOwner the viewer's visibility still applies")
                .containsExactly("Team offsite");
        assertThat(reader.busy(ws, "ann", List.of("ann", "bob"), from, to, BERLIN))
                .containsExactly(
                        new FreeTime.Interval(
                                Instant.parse("2026-03-02T08:00:00Z"), Instant.parse("2026-03-02T09:00:00Z")),
                        new FreeTime.Interval(
                                Instant.parse("2026-03-02T10:00:00Z"), Instant.parse("2026-03-02T11:00:00Z")),
                        new FreeTime.Interval(
                                Instant.parse("2026-03-02T12:00:00Z"), Instant.parse("2026-03-02T13:00:00Z")));
        assertThat(reader.busy(ws, "ann", List.of(), from, to, BERLIN)).isEmpty();
    }
}
