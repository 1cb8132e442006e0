package dev.atom.assistant.internal;

import dev.atom.ai.AiGatewayException;
import java.util.List;

/** The answers a turn gives when it cannot finish: plain words, and what it did before it stopped. */
final class Texts {
    private Texts() {}

    static String stopped(int steps, List<Action> actions) {
        return "I stopped after " + steps + " steps without finishing this request." + soFar(actions)
                + " Ask me to continue, or narrow the request.";
    }

    static String failed(AiGatewayException e, int steps, List<Action> actions) {
        String why = switch (e.code() == null ? "" : e.code()) {
            case "budget_exceeded" -> "your AI budget is used up. " + e.getMessage();
            default -> "the model could not answer: " + e.getMessage();
        };
        String when = steps == 0 ? "" : " (after " + steps + (steps == 1 ? " step" : " steps") + ")";
        return "I could not finish" + when + ": " + why + soFar(actions);
    }

    static String noKey(String gatewayMessage) {
        return "I need an AI model to answer that, and you have no usable AI key yet. Add one on the AI page (/ai)"
                + " or with POST /api/v1/ai/keys, or ask an admin to share a workspace key; then ask again."
                + (gatewayMessage == null ? "" : " (" + gatewayMessage + ")");
    }

    /** " So far: ..." listing what the turn did or proposed, or nothing. */
    private static String soFar(List<Action> actions) {
        if (actions.isEmpty()) {
            return " Nothing was changed.";
        }
        StringBuilder sb = new StringBuilder(" So far:");
        for (Action a : actions) {
            sb.append(
                    switch (a.status()) {
                        case DONE -> " done: " + (a.summary() == null ? a.tool() : a.summary()) + ";";
                        case PENDING -> " waiting for your approval: " + a.preview() + ";";
                        default -> " " + a.status().wire() + ": " + a.preview() + ";";
                    });
        }
        sb.setCharAt(sb.length() - 1, '.');
        return sb.toString();
    }
}
