package dev.atom.assistant.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A provider on WireMock speaking one vendor's own wire format, answering a turn's model calls in the order
 * scripted (a String answer is text, a List of {@link ScriptedModel.Call}s is tool calls), plain or streamed. The
 * subclasses write the answers exactly as the vendor documents them and read back what the gateway sent, so a
 * test sees both directions of the gateway's translation.
 */
abstract class ScriptedWire {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    final WireMockServer server;
    final String prefix;

    ScriptedWire(WireMockServer server, String prefix) {
        this.server = server;
        this.prefix = prefix;
    }

    /** The gateway provider id whose key points here. */
    abstract String provider();

    /** A catalog model of that provider, to name in the turn. */
    abstract String model();

    abstract String path(boolean stream);

    abstract String answer(Object answer);

    abstract String events(Object answer);

    /** The tool calls the gateway sent back in the n-th request: call id (or name) -> the result's text. */
    abstract List<String[]> toolResults(JsonNode request);

    /** The tool names offered in a request. */
    abstract List<String> toolNames(JsonNode request);

    /** The calls echoed back as the model's own earlier turn in a request: {name, arguments as JSON}. */
    abstract List<String[]> echoedCalls(JsonNode request);

    /**
     * What else a request must carry to be answered (the vendor's auth header, query parameters): a request the
     * gateway sends otherwise gets WireMock's 404, and the turn fails.
     */
    MappingBuilder matching(MappingBuilder request) {
        return request;
    }

    ScriptedWire plain(Object... answers) {
        for (int i = 0; i < answers.length; i++) {
            server.stubFor(matching(post(urlPathEqualTo(path(false))))
                    .inScenario(prefix)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "step" + i)
                    .willSetStateTo("step" + (i + 1))
                    .willReturn(okJson(answer(answers[i]))));
        }
        return this;
    }

    ScriptedWire streamed(Object... answers) {
        for (int i = 0; i < answers.length; i++) {
            server.stubFor(matching(post(urlPathEqualTo(path(true))))
                    .inScenario(prefix)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "step" + i)
                    .willSetStateTo("step" + (i + 1))
                    .willReturn(aResponse()
                            .withStatus(200)
                            .withHeader("Content-Type", "text/event-stream")
                            .withBody(events(answers[i]))));
        }
        return this;
    }

    /** The request bodies the provider received (plain and streamed), in order. */
    List<JsonNode> requests() {
        return server
                .findAll(postRequestedFor(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/" + prefix + "/.*")))
                .stream()
                .map(r -> JSON.readTree(r.getBodyAsString()))
                .toList();
    }
}
