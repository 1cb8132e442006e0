package dev.atom.workflows.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.connectors.ConnectionNeedsReconnect;
import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Schedules (catch-up after downtime, switching off) and the liveness watchdog, driven through the scheduler's
 * and watchdog's ticks with instants of the test's choosing (the background ticks are paused meanwhile). The
 * schedule fires on 29 February only, so no real-time tick of another test ever reaches its slots.
 */
class ScheduleAndWatchdogTest extends AppTestBase {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    ScheduleFirer scheduler;

    @Autowired
    Watchdog watchdog;

    @Autowired
    Clock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEventPublisher events;

    private TestHttp api;

    @BeforeEach
    void setUp() {
        TriggerTicker.pause(true);
        var users = new TestUsers(this::http);
        api = users.as(users.signUp("sched"));
    }

    @AfterEach
    void resume() {
        TriggerTicker.pause(false);
    }

    private String publish(String definition) {
        var created = api.post("/api/v1/workflows", Map.of("definition", JSON.readTree(definition)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        var published = api.post("/api/v1/workflows/" + id + "/publish", Map.of());
        assertThat(published.status()).as(published.toString()).isEqualTo(200);
        return id;
    }

    private static String leapDay(String catchUp, String expect) {
        return """
                { "name": "Leap day", "trigger": { "type": "schedule", "cron": "0 9 29 2 *",
                    "timezone": "Europe/Berlin", "catchUp": "%s" %s },
                  "steps": [ { "id": "s", "type": "transform", "output": "{{ trigger.scheduledFor }}" } ] }
                """.formatted(catchUp, expect);
    }

    private List<JsonNode> triggers(String workflowId) {
        var runs = api.get("/api/v1/runs?workflow=" + workflowId);
        assertThat(runs.status()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        runs.json().get("items").forEach(r -> out.add(r.get("trigger")));
        return out.reversed(); // oldest first
    }

    private JsonNode trigger(String workflowId) {
        return api.get("/api/v1/workflows/" + workflowId).json().get("trigger");
    }

    @Test
    void anOnTimeSlotFiresOnceAndRunOnceFiresOneRunForEverySlotMissedDuringDowntime() {
        String id = publish(leapDay("run_once", ""));
        assertThat(trigger(id).get("nextFireAt").asString()).isEqualTo("2028-02-29T08:00:00Z");

        scheduler.tick(Instant.parse("2028-02-29T08:00:20Z"));
        scheduler.tick(Instant.parse("2028-02-29T08:00:25Z")); // the slot is taken: nothing more
        assertThat(triggers(id)).hasSize(1);
        JsonNode first = triggers(id).getFirst();
        assertThat(first.get("type").asString()).isEqualTo("schedule");
        assertThat(first.get("scheduledFor").asString()).isEqualTo("2028-02-29T08:00:00Z");
        assertThat(first.get("firedAt").asString()).isEqualTo("2028-02-29T08:00:20Z");
        assertThat(first.get("missed").asInt()).isZero();
        assertThat(trigger(id).get("nextFireAt").asString()).isEqualTo("2032-02-29T08:00:00Z");

        // Atom is down from 2029 to March 2040: the slots of 2032, 2036 and 2040 are missed
        scheduler.tick(Instant.parse("2040-03-01T10:00:00Z"));
        scheduler.tick(Instant.parse("2040-03-01T10:00:05Z"));
        List<JsonNode> all = triggers(id);
        assertThat(all).hasSize(2);
        assertThat(all.get(1).get("missed").asInt()).isEqualTo(3);
        assertThat(all.get(1).get("catchUp").asBoolean()).isTrue();
        assertThat(first.has("catchUp")).isFalse();
        assertThat(all.get(1).get("scheduledFor").asString()).isEqualTo("2040-02-29T08:00:00Z");
        assertThat(trigger(id).get("nextFireAt").asString()).isEqualTo("2044-02-29T08:00:00Z");
    }

    @Test
    void slotsMissedBeforeAnOnTimeSlotGetOneCatchUpRunWithRunOnceAndNoneWithSkip() {
        // down from now until just after the 2040 slot: 2028, 2032 and 2036 are missed, 2040 is on time
        Instant restart = Instant.parse("2040-02-29T08:00:10Z");
        String once = publish(leapDay("run_once", ""));
        String skip = publish(leapDay("skip", ""));
        scheduler.tick(restart);
        scheduler.tick(restart.plusSeconds(5));

        List<JsonNode> caughtUp = triggers(once);
        assertThat(caughtUp).hasSize(2);
        assertThat(caughtUp.get(0).get("catchUp").asBoolean()).isTrue();
        assertThat(caughtUp.get(0).get("missed").asInt()).isEqualTo(3);
        assertThat(caughtUp.get(0).get("scheduledFor").asString()).isEqualTo("2036-02-29T08:00:00Z");
        assertThat(caughtUp.get(1).has("catchUp")).isFalse();
        assertThat(caughtUp.get(1).get("missed").asInt()).isZero();
        assertThat(caughtUp.get(1).get("scheduledFor").asString()).isEqualTo("2040-02-29T08:00:00Z");

        List<JsonNode> skipped = triggers(skip);
        assertThat(skipped).hasSize(1);
        assertThat(skipped.getFirst().has("catchUp")).isFalse();
        assertThat(skipped.getFirst().get("scheduledFor").asString()).isEqualTo("2040-02-29T08:00:00Z");
        assertThat(skipped.getFirst().get("missed").asInt())
                .as("the slots the run stands in for")
                .isEqualTo(3);
    }

    @Test
    void skipFiresNothingForMissedSlotsAndWaitsForTheNextOne() {
        String id = publish(leapDay("skip", ""));
        scheduler.tick(Instant.parse("2036-03-01T10:00:00Z"));
        assertThat(triggers(id)).isEmpty();
        assertThat(trigger(id).get("nextFireAt").asString()).isEqualTo("2040-02-29T08:00:00Z");

        scheduler.tick(Instant.parse("2040-02-29T08:00:10Z"));
        assertThat(triggers(id)).hasSize(1);
        assertThat(triggers(id).getFirst().get("scheduledFor").asString()).isEqualTo("2040-02-29T08:00:00Z");
    }

    @Test
    void aSwitchedOffScheduleDoesNotFireAndDeletingItRemovesItsTrigger() {
        String id = publish(leapDay("run_once", ""));
        var off = api.post("/api/v1/workflows/" + id + "/disable", Map.of());
        assertThat(off.json().get("trigger").get("active").asBoolean()).isFalse();
        scheduler.tick(Instant.parse("2040-03-01T10:00:00Z"));
        assertThat(triggers(id)).isEmpty();

        var on = api.post("/api/v1/workflows/" + id + "/enable", Map.of());
        assertThat(on.json().get("trigger").get("active").asBoolean()).isTrue();
        assertThat(api.delete("/api/v1/workflows/" + id).status()).isEqualTo(204);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM workflow_triggers WHERE workflow_id = :id")
                        .param("id", id)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void aWorkflowThatStartsNoRunForLongerThanExpectedIsAlertedUntilARunStarts() {
        String id = publish("""
                { "name": "Daily report", "trigger": { "type": "manual", "expect": { "atLeastEvery": "PT1H" } },
                  "steps": [ { "id": "s", "type": "transform", "output": 1 } ] }
                """);
        Instant armed = clock.instant();
        watchdog.tick(armed.plus(Duration.ofMinutes(50)));
        assertThat(api.get("/api/v1/alerts").json())
                .noneMatch(a -> id.equals(a.get("workflowId").asString()));

        Instant late = armed.plus(Duration.ofHours(2));
        watchdog.tick(late);
        watchdog.tick(late.plusSeconds(5)); // still one alert
        var alerts = api.get("/api/v1/alerts").json();
        List<JsonNode> mine = new ArrayList<>();
        alerts.forEach(a -> {
            if (id.equals(a.get("workflowId").asString())) {
                mine.add(a);
            }
        });
        assertThat(mine).hasSize(1);
        assertThat(mine.getFirst().get("kind").asString()).isEqualTo("trigger_silent");
        assertThat(Instant.parse(mine.getFirst().get("since").asString()))
                .isEqualTo(late.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        assertThat(mine.getFirst().get("workflowName").asString()).isEqualTo("Daily report");
        var workflow = api.get("/api/v1/workflows/" + id).json();
        assertThat(workflow.get("alerts")).hasSize(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE type = 'workflow.alert' AND detail LIKE :id")
                        .param("id", "%" + id + "%")
                        .query(Integer.class)
                        .single())
                .as("the owner is told once")
                .isEqualTo(1);

        var started = api.post("/api/v1/workflows/" + id + "/runs", Map.of("input", Map.of()));
        assertThat(started.status()).isEqualTo(202);
        watchdog.tick(clock.instant().plus(Duration.ofMinutes(30)));
        assertThat(api.get("/api/v1/alerts").json())
                .noneMatch(a -> id.equals(a.get("workflowId").asString()));
        assertThat(api.get("/api/v1/workflows/" + id).json().get("alerts")).isEmpty();
    }

    @Test
    void aConnectionThatNeedsReconnectingAlertsEveryWorkflowUsingIt() {
        var connection = api.post(
                "/api/v1/connections",
                Map.of(
                        "connector",
                        "testkey",
                        "name",
                        "Key",
                        "credentials",
                        Map.of("api_key", "good-key-123", "account", "acme")));
        assertThat(connection.status()).as(connection.toString()).isEqualTo(201);
        String conn = connection.json().get("id").asString();
        String step = """
                { "name": "%s", "trigger": { "type": "manual" },
                  "steps": [ { "id": "k", "action": "testkey.check_key", "connection": "%s",
                               "input": { "mode": "echo" } } ] }
                """;
        String uses = publish(step.formatted("Uses it", conn));
        String usesToo = publish(step.formatted("Uses it too", conn));
        String other = publish("""
                { "name": "Other", "trigger": { "type": "manual" },
                  "steps": [ { "id": "s", "type": "transform", "output": 1 } ] }
                """);
        String workspace = jdbc.sql("SELECT workspace_id FROM workflows WHERE id = :id")
                .param("id", uses)
                .query(String.class)
                .single();
        events.publishEvent(
                new ConnectionNeedsReconnect(workspace, conn, "testkey", null, "the key was revoked", clock.instant()));

        List<String> alerted = new ArrayList<>();
        api.get("/api/v1/alerts").json().forEach(a -> {
            if (a.get("kind").asString().equals("connection_needs_reconnect")) {
                alerted.add(a.get("workflowId").asString());
                assertThat(a.get("detail").asString()).contains("the key was revoked");
            }
        });
        assertThat(alerted).containsExactlyInAnyOrder(uses, usesToo).doesNotContain(other);

        // switching the workflow on again (after reconnecting) is the answer: its alert closes
        api.post("/api/v1/workflows/" + uses + "/disable", Map.of());
        api.post("/api/v1/workflows/" + uses + "/enable", Map.of());
        assertThat(api.get("/api/v1/workflows/" + uses).json().get("alerts")).isEmpty();
        assertThat(api.get("/api/v1/workflows/" + usesToo).json().get("alerts")).hasSize(1);
    }

    @Test
    void badSchedulesAndExpectationsAreNamedField() {
        var bad = api.post("/api/v1/workflows", Map.of("definition", JSON.readTree("""
                                { "name": "Bad", "trigger": { "type": "schedule", "cron": "0 25 * * *",
                                    "timezone": "Mars/Olympus", "catchUp": "always",
                                    "expect": { "atLeastEvery": "daily" } },
                                  "steps": [] }
                                """)));
        assertThat(bad.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        bad.json()
                .get("errors")
                .forEach(e -> fields.add(
                        e.get("field").asString() + ": " + e.get("message").asString()));
        assertThat(fields)
                .containsExactlyInAnyOrder(
                        "trigger.expect.atLeastEvery: must be an ISO-8601 duration such as PT30S or PT2H",
                        "trigger.timezone: 'Mars/Olympus' is not a time zone (use an IANA name such as Europe/Berlin)",
                        "trigger.catchUp: must be skip or run_once",
                        "trigger.cron: is not a valid cron expression (minute hour day-of-month month day-of-week,"
                                + " e.g. 0 9 * * MON-FRI)");
    }
}
