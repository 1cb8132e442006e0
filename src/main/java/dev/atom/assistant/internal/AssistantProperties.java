package dev.atom.assistant.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Assistant settings ({@code atom.assistant.*}): a turn calls the model at most {@code maxSteps} times (then says
 * it stopped); at most {@code maxTools} tools are offered per step (plus {@code find_tools}); a message holds at
 * most {@code maxMessageChars} characters; a tool result longer than {@code maxToolResultChars} reaches the model
 * cut, with a note saying so.
 */
@ConfigurationProperties("atom.assistant")
record AssistantProperties(
        @DefaultValue("8") int maxSteps,
        @DefaultValue("12") int maxTools,
        @DefaultValue("32000") int maxMessageChars,
        @DefaultValue("100000") int maxToolResultChars) {}
