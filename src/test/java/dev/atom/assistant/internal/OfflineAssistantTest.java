package dev.atom.assistant.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.TestUsers;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The offline assistant end to end through {@code POST .../conversations/{id}/messages}: a person without a key, and
 * one with a key asking for {@code atom/offline} (the scripted model must never be asked). Every write is read back
 * through the API; times are in New York to catch a zone mix-up.
 */
class OfflineAssistantTest extends AssistantTestBase {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private String offline(TestUsers.User who, String conversationId, String text) {
        var r = users().as(who)
                .post(
                        "/api/v1/assistant/conversations/" + conversationId + "/messages",
                        Map.of("text", text, "model", "atom/offline", "timeZone", NEW_YORK.getId()));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("message").get("text").asString();
    }

    private String offline(String text) {
        return offline(ann, conversation, text);
    }

    private List<JsonNode> tasks(TestUsers.User who, String query) {
        return users().as(who)
                .get("/api/v1/tasks?" + query)
                .json()
                .get("items")
                .valueStream()
                .toList();
    }

    private JsonNode task(TestUsers.User who, String title) {
        List<JsonNode> all = tasks(who, "status=todo,doing,done");
        return all.stream()
                .filter(t -> t.get("title").asString().equals(title))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no task " + title + " in " + all));
    }

    @Test
    void withoutAKeyItCreatesATaskDueInThePersonsZone() {
        TestUsers.User bob = users().signUp("bob");
        String chat = newConversation(bob);
        var r = users().as(bob)
                .post(
                        "/api/v1/assistant/conversations/" + chat + "/messages",
                        Map.of("text", "remind me to call Dana tomorrow at 3pm !high", "timeZone", "America/New_York"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        String answer = r.json().get("message").get("text").asString();
        LocalDate tomorrow = LocalDate.now(NEW_YORK).plusDays(1);
        assertThat(answer).contains("Created task");

        JsonNode task = task(bob, "call Dana");
        assertThat(OffsetDateTime.parse(task.get("dueAt").asString()).toInstant())
                .isEqualTo(ZonedDateTime.of(tomorrow, java.time.LocalTime.of(15, 0), NEW_YORK)
                        .toInstant());
        assertThat(task.get("priority").asString()).isEqualTo("high");
        assertThat(answer).contains("“call Dana”", "15:00", "priority high", day(tomorrow));
        assertThat(r.json().get("actions").get(0).get("status").asString()).isEqualTo("done");
    }

    private static String day(LocalDate date) {
        return java.time.format.DateTimeFormatter.ofPattern("EEE d MMM", java.util.Locale.ENGLISH)
                .format(date);
    }

    @Test
    void withAKeyAtomOfflineNeverAsksTheModelAndUnknownRequestsPointToAKey() {
        String answer = offline("write me a poem about autumn leaves");
        assertThat(answer).contains("Add one on the AI page");
        assertThat(model.requests()).isEmpty();
        TestUsers.User bob = users().signUp("bob");
        var r = users().as(bob)
                .post(
                        "/api/v1/assistant/conversations/" + newConversation(bob) + "/messages",
                        Map.of("text", "what is the meaning of life"));
        assertThat(r.json().get("message").get("text").asString()).contains("no usable AI key");
    }

    @Test
    void completesByNameAndAsksWhichWhenAmbiguous() {
        for (String title : List.of("Pay the rent", "Water plants on the balcony", "Water plants in the office")) {
            offline("todo: " + title);
        }
        assertThat(offline("complete pay the rent")).contains("Done: completed task “Pay the rent”");
        assertThat(task(ann, "Pay the rent").get("status").asString()).isEqualTo("done");

        String ask = offline("mark water plants as done");
        assertThat(ask).contains("Which one", "“Water plants on the balcony”", "“Water plants in the office”");
        assertThat(tasks(ann, "status=done")).hasSize(1);

        assertThat(offline("finish the task water plants in the office"))
                .contains("completed task “Water plants in the office”");
        assertThat(task(ann, "Water plants in the office").get("status").asString())
                .isEqualTo("done");
        assertThat(offline("complete renew passport")).contains("no open task called “renew passport”");
    }

    @Test
    void listsOverdueTasksByName() {
        users().as(ann)
                .post(
                        "/api/v1/tasks",
                        Map.of(
                                "title",
                                "File the tax return",
                                "dueAt",
                                OffsetDateTime.now().minusDays(2).toString()));
        offline("todo: plan the party next month");
        String answer = offline("what's overdue?");
        assertThat(answer).contains("overdue", "“File the tax return”").doesNotContain("plan the party");
        assertThat(offline("show my tasks")).contains("“File the tax return”", "“plan the party”");
    }

    @Test
    void createsAnEventNamesTheAgendaAndFindsTimeAroundIt() {
        LocalDate tomorrow = LocalDate.now(NEW_YORK).plusDays(1);
        String created = offline("block 2 hours for deep work tomorrow at 9");
        assertThat(created).contains("Created event “deep work”", day(tomorrow) + " 09:00–11:00");

        var events = users().as(ann)
                .get("/api/v1/calendar/events?from=" + tomorrow + "&to=" + tomorrow.plusDays(1) + "&timeZone="
                        + NEW_YORK.getId())
                .json()
                .get("events");
        assertThat(events).hasSize(1);
        assertThat(OffsetDateTime.parse(events.get(0).get("start").asString()).toInstant())
                .isEqualTo(tomorrow.atTime(9, 0).atZone(NEW_YORK).toInstant());

        users().as(ann)
                .post(
                        "/api/v1/calendar/events",
                        Map.of(
                                "calendar",
                                "local",
                                "title",
                                "Lunch with Sam",
                                "start",
                                tomorrow + "T12:30",
                                "end",
                                tomorrow + "T13:30",
                                "timeZone",
                                NEW_YORK.getId()));
        String agenda = offline("what's on my calendar tomorrow?");
        assertThat(agenda).contains("09:00–11:00 “deep work”", "12:30–13:30 “Lunch with Sam”");

        String free = offline("find 30 minutes tomorrow");
        assertThat(free).contains("Free for 30 minutes on " + day(tomorrow)).doesNotContain("09:00–");
        assertThat(offline("what's on my agenda "
                        + tomorrow.plusDays(3).getDayOfWeek().toString().toLowerCase()))
                .isNotBlank();
    }

    @Test
    void searchesAndBriefs() throws InterruptedException {
        offline("todo: renew the passport today");
        for (int i = 0; i < 200; i++) { // the search index follows changes off the request thread
            if (!users().as(ann)
                    .get("/api/v1/search?q=passport")
                    .json()
                    .get("hits")
                    .isEmpty()) {
                break;
            }
            Thread.sleep(50);
        }
        assertThat(offline("search for passport")).contains("Found 1 for “passport”", "“renew the passport” (task)");
        assertThat(offline("brief me")).contains("Your briefing for", "“renew the passport”");
    }
}
