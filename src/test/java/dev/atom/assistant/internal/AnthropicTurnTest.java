package dev.atom.assistant.internal;

import static org.assertj.core.api.Assertions.assertThat;

/** The assistant's turns against Anthropic's Messages wire format (tool_use / tool_result blocks). */
class AnthropicTurnTest extends WireFormatTurnContract {
    @Override
    ScriptedWire wire(String prefix) {
        return new ScriptedAnthropic(provider, prefix);
    }

    @Override
    void assertResultAnswers(String[] result, String callId, String toolName) {
        assertThat(result[0]).isEqualTo(callId);
    }
}
