package dev.atom.workspace.briefing;

import dev.atom.ai.AiGateway;
import dev.atom.ai.AiGatewayException;
import dev.atom.ai.CallSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The briefing summarised by the person's own model through the gateway (their keys, routing and budget):
 * the items go in numbered, and the answer's [n] markers come back as citations of those items. Without a
 * usable key (or when the model fails) the offline summary stays, with the reason. Thread-safe.
 */
@Component
class AiSummary {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern REF = Pattern.compile("\\[(\\d{1,3})]");
    static final String INSTRUCTIONS = "You write a person's morning briefing. Using only the numbered items"
            + " below, write 2 to 5 short sentences: what matters most today first. Cite each item you mention"
            + " with its number in brackets, like [2]. Do not invent anything.";

    private final AiGateway gateway;

    AiSummary(AiGateway gateway) {
        this.gateway = gateway;
    }

    /** A numbered item of the prompt. */
    private record Numbered(int ref, SectionKind kind, BriefingItem item) {}

    Briefing.Summary summarise(Briefing briefing, String workspaceId, String userId, CallSource source) {
        List<Numbered> numbered = new ArrayList<>();
        for (SectionKind kind : SectionKind.values()) {
            for (BriefingItem item : briefing.items(kind)) {
                numbered.add(new Numbered(numbered.size() + 1, kind, item));
            }
        }
        Briefing.Summary offline = briefing.summary();
        if (numbered.isEmpty()) {
            return offline; // nothing to cite: the counted line says it all, and costs nothing
        }
        ObjectNode request = NODES.objectNode().put("model", AiGateway.WORKSPACE_DEFAULT);
        ArrayNode messages = request.putArray("messages");
        messages.addObject().put("role", "system").put("content", INSTRUCTIONS);
        messages.addObject().put("role", "user").put("content", prompt(briefing, numbered));
        try {
            AiGateway.Result result = gateway.chat(
                    new AiGateway.Caller(workspaceId, userId, source, "briefing-" + briefing.date()), request);
            JsonNode content =
                    result.body().path("choices").path(0).path("message").path("content");
            String text = content.isString() ? content.asString().strip() : "";
            if (text.isEmpty()) {
                return withError(offline, "the model gave an empty answer");
            }
            return new Briefing.Summary(text, "ai", result.model(), citations(text, numbered), null);
        } catch (AiGatewayException e) {
            return withError(offline, e.getMessage()); // the gateway's messages never contain a key
        }
    }

    private static String prompt(Briefing briefing, List<Numbered> numbered) {
        ZoneId zone = ZoneId.of(briefing.timeZone());
        StringBuilder sb = new StringBuilder("Day: " + briefing.date() + " (" + zone + ")\n");
        SectionKind current = null;
        for (Numbered n : numbered) {
            if (n.kind() != current) {
                current = n.kind();
                sb.append('\n').append(current.title()).append(":\n");
            }
            sb.append('[')
                    .append(n.ref())
                    .append("] ")
                    .append(BriefingText.line(n.item(), zone))
                    .append('\n');
        }
        return sb.toString();
    }

    /** The items the text cites, each once, in the order first cited; numbers that name no item are left out. */
    private static List<Briefing.Citation> citations(String text, List<Numbered> numbered) {
        Set<Integer> refs = new LinkedHashSet<>();
        Matcher m = REF.matcher(text);
        while (m.find()) {
            refs.add(Integer.parseInt(m.group(1)));
        }
        List<Briefing.Citation> out = new ArrayList<>();
        for (int ref : refs) {
            if (ref >= 1 && ref <= numbered.size()) {
                Numbered n = numbered.get(ref - 1);
                out.add(new Briefing.Citation(
                        ref,
                        n.kind().wire(),
                        n.item().id(),
                        n.item().label(),
                        n.item().link()));
            }
        }
        return out;
    }

    private static Briefing.Summary withError(Briefing.Summary offline, String error) {
        return new Briefing.Summary(offline.text(), offline.source(), null, offline.citations(), error);
    }
}
