package dev.atom.assistant.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.atom.assistant.internal.ScriptedModel.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A turn as server-sent events read off the running app's socket line by line: the provider's streamed text comes
 * through as many {@code delta} events, tool calls as {@code tool} started/finished, writes as {@code action}
 * (done at once or waiting for approval), and the turn ends with {@code done} (the stored message with usage and
 * cost); a failing provider gives {@code error} before {@code done}.
 */
class TurnStreamTest extends AssistantTestBase {

    record Event(String name, JsonNode data) {}

    @Test
    void streamedTextArrivesAsManyDeltasThenDoneWithUsageAndCost() throws Exception {
        model.streamed("Here is your day: three meetings and one deadline.");

        List<Event> events = stream("what does my day look like?");

        List<Event> deltas =
                events.stream().filter(e -> e.name().equals("delta")).toList();
        assertThat(deltas)
                .as("one delta per streamed chunk, not one at the end")
                .hasSizeGreaterThan(5);
        assertThat(deltas.getFirst().data().get("text").asString()).isEqualTo("Here ");
        assertThat(names(events)).endsWith("done").doesNotContain("error", "tool", "action");
        String streamed =
                deltas.stream().map(e -> e.data().get("text").asString()).collect(Collectors.joining());
        JsonNode done = events.getLast().data();
        assertThat(done.at("/message/text").asString())
                .isEqualTo(streamed)
                .isEqualTo("Here is your day: three meetings and one deadline.");
        assertThat(done.at("/message/role").asString()).isEqualTo("assistant");
        assertThat(done.at("/message/usage/inputTokens").asLong()).isEqualTo(100);
        assertThat(done.at("/message/usage/outputTokens").asLong()).isEqualTo(20);
        assertThat(done.at("/message/costUsd").isNumber()).isTrue();
        assertThat(done.get("actions")).isEmpty();
        assertThat(shown().at("/messages/1/text").asString()).isEqualTo(streamed);
    }

    @Test
    void toolsAndActionsComeInOrderBetweenTheDeltasAndDoneListsTheActions() throws Exception {
        model.streamed(
                List.of(
                        call("c1", "test_tasks_create", "{\"title\":\"Call Dana\"}"),
                        call("c2", "test_mail_send", "{\"to\":\"dana@example.com\",\"subject\":\"Lunch?\"}")),
                "Task made; the mail waits for you.");

        List<Event> events = stream("remind me to call Dana and ask her to lunch");

        assertThat(names(events))
                .containsSubsequence("tool", "action", "tool", "tool", "action", "tool", "delta", "done")
                .endsWith("done")
                .doesNotContain("error");
        List<JsonNode> tools = data(events, "tool");
        assertThat(tools)
                .extracting(t -> t.get("callId").asString() + " "
                        + t.get("tool").asString() + " " + t.get("status").asString())
                .containsExactly(
                        "c1 test_tasks_create started",
                        "c1 test_tasks_create done",
                        "c2 test_mail_send started",
                        "c2 test_mail_send waiting_for_approval");
        List<JsonNode> actions = data(events, "action");
        assertThat(actions)
                .extracting(
                        a -> a.get("tool").asString() + ":" + a.get("status").asString())
                .containsExactly("test_tasks_create:done", "test_mail_send:pending");
        assertThat(actions.get(0).get("undoable").asBoolean()).isTrue();
        assertThat(actions.get(1).get("preview").asString()).isEqualTo("sends \u201cLunch?\u201d to dana@example.com");
        assertThat(actions.get(1).at("/input/to").asString()).isEqualTo("dana@example.com");
        JsonNode done = events.getLast().data();
        assertThat(done.at("/message/text").asString()).isEqualTo("Task made; the mail waits for you.");
        assertThat(done.at("/message/usage/inputTokens").asLong())
                .as("both model calls")
                .isEqualTo(200);
        assertThat(done.get("actions"))
                .extracting(a -> a.get("id").asString())
                .containsExactly(
                        actions.get(0).get("id").asString(),
                        actions.get(1).get("id").asString());
        assertThat(mailsSent()).as("nothing sent before approval").isEmpty();
    }

    @Test
    void aFailingProviderGivesAnErrorEventThenDone() throws Exception {
        provider.stubFor(post(urlPathEqualTo("/" + prefix + "/v1/chat/completions"))
                .willReturn(aResponse()
                        .withStatus(500)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"upstream broke\",\"type\":\"server_error\"}}")));

        List<Event> events = stream("hello");

        assertThat(names(events)).containsExactly("error", "done");
        JsonNode error = events.getFirst().data();
        assertThat(error.get("code").asString()).isNotBlank();
        assertThat(error.get("message").asString()).isNotBlank();
        JsonNode done = events.getLast().data();
        assertThat(done.at("/error/code").asString())
                .isEqualTo(error.get("code").asString());
        assertThat(done.at("/message/text").asString())
                .as("the stored answer says it failed")
                .isNotBlank();
    }

    @Test
    void badInputIsProblemJsonNotAStream() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(request(conversation, "{\"text\":\"\"}"), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.body()).contains("text");
        HttpResponse<String> missing = HttpClient.newHttpClient()
                .send(request("no-such-conversation", "{\"text\":\"hi\"}"), HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(404);
    }

    /** Posts a message and reads the whole event stream as it arrives, line by line. */
    private List<Event> stream(String text) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(java.util.Map.of("text", text));
        HttpResponse<java.util.stream.Stream<String>> response =
                HttpClient.newHttpClient().send(request(conversation, body), HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        List<Event> events = new ArrayList<>();
        String[] name = {null};
        response.body().forEach(line -> {
            if (line.startsWith("event: ")) {
                name[0] = line.substring(7);
            } else if (line.startsWith("data: ")) {
                events.add(new Event(name[0], JSON.readTree(line.substring(6))));
            }
        });
        return events;
    }

    private HttpRequest request(String conversationId, String body) {
        return HttpRequest.newBuilder(URI.create(
                        "http://localhost:" + port + "/api/v1/assistant/conversations/" + conversationId + "/messages"))
                .header("Authorization", "Bearer " + ann.accessToken())
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static List<String> names(List<Event> events) {
        return events.stream().map(Event::name).toList();
    }

    private static List<JsonNode> data(List<Event> events, String name) {
        return events.stream()
                .filter(e -> e.name().equals(name))
                .map(Event::data)
                .toList();
    }
}
