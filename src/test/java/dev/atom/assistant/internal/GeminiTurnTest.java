package dev.atom.assistant.internal;

import static org.assertj.core.api.Assertions.assertThat;

/** The assistant's turns against Gemini's generateContent wire format (functionCall / functionResponse parts). */
class GeminiTurnTest extends WireFormatTurnContract {
    @Override
    ScriptedWire wire(String prefix) {
        return new ScriptedGemini(provider, prefix);
    }

    @Override
    void assertResultAnswers(String[] result, String callId, String toolName) {
        assertThat(result[0]).isEqualTo(toolName);
    }
}
