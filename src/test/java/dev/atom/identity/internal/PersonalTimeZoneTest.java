package dev.atom.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A person's own time zone over HTTP: set and cleared with PATCH /api/v1/me (IANA ids only, each bad body a 400
 * naming the field), shown by GET /api/v1/me, and used wherever a request names no zone: an offline chat message,
 * the parser, the briefing, calendar reads and writes. Pacific/Auckland (UTC+13 in December) makes any fallback
 * to UTC visible in dates and offsets. Another member's zone stays theirs.
 */
class PersonalTimeZoneTest extends AppTestBase {
    private static final String ZONE = "Pacific/Auckland";
    private TestUsers users;
    private TestUsers.User ann;
    private TestHttp api;

    @BeforeEach
    void ann() {
        users = new TestUsers(this::http);
        ann = users.signUp("ann");
        api = users.as(ann);
    }

    private static List<String> fields(TestHttp.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        List<String> out = new ArrayList<>();
        r.json().get("errors").forEach(e -> out.add(e.get("field").asString()));
        return out;
    }

    private void choose(String zone) {
        Map<String, Object> body = new HashMap<>();
        body.put("timeZone", zone);
        var r = api.patch("/api/v1/me", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    @Test
    void onlyIanaIdsAreAcceptedAndNullClearsTheChoice() {
        assertThat(api.get("/api/v1/me").json().at("/user/timeZone").isNull()).isTrue();

        assertThat(fields(api.patch("/api/v1/me", Map.of("timeZone", "+02:00"))))
                .containsExactly("timeZone");
        assertThat(fields(api.patch("/api/v1/me", Map.of("timeZone", "Mars/Olympus"))))
                .containsExactly("timeZone");
        assertThat(fields(api.patch("/api/v1/me", Map.of("timeZone", 42)))).containsExactly("timeZone");
        assertThat(fields(api.patch("/api/v1/me", Map.of()))).containsExactly("timeZone");
        assertThat(fields(api.patch("/api/v1/me", Map.of("timeZone", ZONE, "email", "x@example.com"))))
                .containsExactly("email");
        assertThat(api.get("/api/v1/me").json().at("/user/timeZone").isNull()).isTrue();

        var set = api.patch("/api/v1/me", Map.of("timeZone", ZONE));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(set.json().at("/user/timeZone").asString()).isEqualTo(ZONE);
        assertThat(api.get("/api/v1/me").json().at("/user/timeZone").asString()).isEqualTo(ZONE);

        var bob = users.invite("bob", ann, "member");
        assertThat(users.as(bob).get("/api/v1/me").json().at("/user/timeZone").isNull())
                .as("Ann's zone is hers")
                .isTrue();

        choose(null);
        assertThat(api.get("/api/v1/me").json().at("/user/timeZone").isNull()).isTrue();
    }

    @Test
    void requestsWithoutAZoneUseThePersonsOwn() {
        choose(ZONE);
        LocalDate tomorrow = LocalDate.now(ZoneId.of(ZONE)).plusDays(1);

        JsonNode parsed = api.get("/api/v1/assistant/parse?text=remind%20me%20to%20call%20Dana%20tomorrow%20at%203pm")
                .json();
        assertThat(parsed.get("dueAt").asString()).startsWith(tomorrow + "T15:00+1"); // +12:00 or +13:00

        assertThat(api.get("/api/v1/briefing").json().get("timeZone").asString())
                .isEqualTo(ZONE);
        var bob = users.invite("bob", ann, "member");
        assertThat(users.as(bob).get("/api/v1/briefing").json().get("timeZone").asString())
                .as("without a choice: UTC")
                .isEqualTo("UTC");

        String conversation = api.post("/api/v1/assistant/conversations", Map.of())
                .json()
                .get("id")
                .asString();
        var turn = api.post(
                "/api/v1/assistant/conversations/" + conversation + "/messages",
                Map.of("text", "remind me to water the plants tomorrow at 3pm", "model", "atom/offline"));
        assertThat(turn.status()).as(turn.toString()).isEqualTo(200);
        JsonNode task = api.get("/api/v1/tasks").json().at("/items/0");
        assertThat(task.get("title").asString()).isEqualTo("water the plants");
        assertThat(task.get("timeZone").asString()).isEqualTo(ZONE);
        assertThat(OffsetDateTime.parse(task.get("dueAt").asString()).toLocalDateTime())
                .isEqualTo(tomorrow.atTime(15, 0));

        var created = api.post(
                "/api/v1/calendar/events",
                Map.of(
                        "calendar",
                        "local",
                        "title",
                        "Standup",
                        "start",
                        "2030-01-15T09:00",
                        "end",
                        "2030-01-15T09:15"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().at("/event/start").asString()).isEqualTo("2030-01-15T09:00+13:00");
        JsonNode events =
                api.get("/api/v1/calendar/events?from=2030-01-15&to=2030-01-16").json();
        assertThat(events.get("events").valueStream().map(e -> e.get("start").asString()))
                .containsExactly("2030-01-15T09:00+13:00");
    }
}
