package dev.atom.assistant.offline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/assistant/parse} over HTTP: the answer's shape, signed-in callers only, bad input named. */
class ParseApiTest extends AppTestBase {

    private TestHttp signedIn() {
        TestUsers users = new TestUsers(this::http);
        return users.as(users.signUp("parse"));
    }

    private static String query(String text, String zone) {
        return "/api/v1/assistant/parse?text=" + URLEncoder.encode(text, StandardCharsets.UTF_8)
                + (zone == null ? "" : "&timeZone=" + URLEncoder.encode(zone, StandardCharsets.UTF_8));
    }

    @Test
    void answersTheIntentWithItsFieldsInTheGivenZone() {
        var r = signedIn().get(query("remind me to call Dana tomorrow at 3pm, high priority", "Pacific/Auckland"));
        assertThat(r.status()).isEqualTo(200);
        var json = r.json();
        LocalDate tomorrow = LocalDate.now(ZoneId.of("Pacific/Auckland")).plusDays(1);
        assertThat(json.get("intent").asString()).isEqualTo("create_task");
        assertThat(json.get("title").asString()).isEqualTo("call Dana");
        assertThat(json.get("due").asString()).isEqualTo(tomorrow.toString());
        assertThat(json.get("dueTime").asString()).isEqualTo("15:00");
        assertThat(json.get("dueAt").asString()).startsWith(tomorrow + "T15:00+1"); // +12:00 or +13:00
        assertThat(json.get("priority").asString()).isEqualTo("high");
    }

    @Test
    void anEventAndAnUnknownRequest() {
        TestHttp me = signedIn();
        var event = me.get(query("block 2 hours for deep work tomorrow at 9", "Europe/Berlin"))
                .json();
        assertThat(event.get("intent").asString()).isEqualTo("create_event");
        assertThat(event.get("title").asString()).isEqualTo("deep work");
        assertThat(event.get("start").asString()).contains("T09:00");
        assertThat(event.get("end").asString()).contains("T11:00");
        var unknown = me.get(query("write me a poem", "Europe/Berlin")).json();
        assertThat(unknown.get("intent").asString()).isEqualTo("unknown");
        assertThat(unknown.get("hint").asString()).contains("AI key");
    }

    @Test
    void withoutAZoneTheDayIsUtcs() {
        var json = signedIn().get(query("todo: pay rent today", null)).json();
        assertThat(json.get("due").asString())
                .isEqualTo(LocalDate.now(ZoneId.of("UTC")).toString());
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        TestHttp me = signedIn();
        assertThat(fields(me.get("/api/v1/assistant/parse?timeZone=UTC"))).containsExactly("text");
        assertThat(fields(me.get(query("   ", "UTC")))).containsExactly("text");
        assertThat(fields(me.get(query("todo: " + "x".repeat(600), "UTC")))).containsExactly("text");
        assertThat(fields(me.get(query("todo: buy milk", "Mars/Olympus")))).containsExactly("timeZone");
    }

    @Test
    void onlySignedInCallersMayParse() {
        var r = http().get(query("todo: buy milk", "UTC"));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("Content-Type")).contains("application/problem+json");
    }

    private static List<String> fields(TestHttp.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.header("Content-Type")).contains("application/problem+json");
        List<String> out = new ArrayList<>();
        r.json().path("errors").forEach(e -> out.add(e.get("field").asString()));
        return out;
    }
}
