package dev.atom.ai.providers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The event-stream format: https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation */
class SseReaderTest {

    private static SseReader reader(String text) {
        return new SseReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsNamedEventsCommentsMultiLineDataAndCrLf() throws Exception {
        SseReader reader = reader(": keep-alive\r\n"
                + "event: message_start\r\ndata: {\"a\":1}\r\n\r\n"
                + "data: line one\ndata:line two\n\n"
                + "event: ping\n\n" // no data: not an event
                + "data: é ü\n\n"
                + "data: [DONE]");

        assertThat(reader.next()).isEqualTo(new SseReader.Event("message_start", "{\"a\":1}"));
        assertThat(reader.next()).isEqualTo(new SseReader.Event(null, "line one\nline two"));
        assertThat(reader.next()).isEqualTo(new SseReader.Event(null, "é ü"));
        assertThat(reader.next()).isEqualTo(new SseReader.Event(null, "[DONE]"));
        assertThat(reader.next()).isNull();
    }
}
