package dev.atom.assistant.internal;

import dev.atom.ai.Usage;
import java.util.List;

/** One answer of the model: its text (may be empty), the tools it calls, who answered and at what cost. */
record ModelAnswer(String text, List<Call> calls, String model, Usage usage, long costMicros) {

    /** A tool call as the model made it: {@code arguments} is the JSON text it wrote (not yet checked). */
    record Call(String id, String name, String arguments) {}
}
