package dev.atom.ai.keys;

import dev.atom.identity.CurrentUser;
import dev.atom.identity.Role;
import dev.atom.shared.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The AI page ({@code /ai}): add, list, test and remove keys with htmx fragments. The usage chart below them
 * is a fragment of the routing module ({@code GET /ai/usage}). Validation problems come back as the same form
 * with the errors in place (200, so htmx swaps it), and the typed key is never sent back.
 */
@Controller
class AiPageController {
    private static final String FRAGMENTS = "ai/fragments";
    private static final Map<String, String> LABELS = Map.of(
            "provider", "Provider",
            "apiKey", "API key",
            "name", "Name",
            "baseUrl", "Base URL",
            "scope", "Who can use it",
            "deployment", "Azure deployment",
            "apiVersion", "Azure API version");

    private final AiKeyService keys;
    private final KeyTester tester;

    AiPageController(AiKeyService keys, KeyTester tester) {
        this.keys = keys;
        this.tester = tester;
    }

    /** A key row: what the list shows, and whether this user may remove it. */
    record KeyRow(
            String id, String name, String provider, String scope, String masked, String baseUrl, boolean removable) {
        static KeyRow of(AiKey k, CurrentUser user) {
            boolean removable = k.scope() == AiKey.Scope.USER || user.role().atLeast(Role.ADMIN);
            return new KeyRow(
                    k.id(),
                    k.name(),
                    k.provider(),
                    k.scope().name().toLowerCase(Locale.ROOT),
                    k.masked(),
                    k.baseUrl() == null ? null : k.baseUrl().toString(),
                    removable);
        }
    }

    @GetMapping("/ai")
    String page(@AuthenticationPrincipal CurrentUser user, Model model) {
        form(user, Map.of(), Map.of(), model);
        list(user, model);
        return "ai/page";
    }

    @GetMapping("/ai/keys/list")
    String items(@AuthenticationPrincipal CurrentUser user, Model model) {
        list(user, model);
        return FRAGMENTS + " :: key-items";
    }

    @PostMapping("/ai/keys")
    String create(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam Map<String, String> form,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        Map<String, String> kept = new LinkedHashMap<>(form);
        kept.remove("apiKey");
        kept.remove("_csrf");
        try {
            keys.create(user, body(form), request.getRemoteAddr());
            response.setHeader("HX-Trigger", "ai-keys-changed");
            form(user, Map.of(), Map.of(), model);
        } catch (ApiException e) {
            form(user, kept, messages(e), model);
        }
        return FRAGMENTS + " :: key-form";
    }

    @PostMapping("/ai/keys/{id}/test")
    String test(@AuthenticationPrincipal CurrentUser user, @PathVariable String id, Model model) {
        AiKey key = keys.visible(user, id);
        model.addAttribute("result", tester.test(key, user.userId(), null));
        return FRAGMENTS + " :: test-result";
    }

    @DeleteMapping("/ai/keys/{id}")
    ResponseEntity<String> delete(
            @AuthenticationPrincipal CurrentUser user, @PathVariable String id, HttpServletRequest request) {
        keys.delete(user, id, request.getRemoteAddr());
        // an empty 200 makes htmx remove the row; the event refreshes the list (for its empty state)
        return ResponseEntity.ok().header("HX-Trigger", "ai-keys-changed").body("");
    }

    private void form(CurrentUser user, Map<String, String> form, Map<String, String> errors, Model model) {
        model.addAttribute("providers", Providers.all());
        model.addAttribute("canShare", user.role().atLeast(Role.ADMIN));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
    }

    private void list(CurrentUser user, Model model) {
        List<KeyRow> rows =
                keys.list(user).stream().map(k -> KeyRow.of(k, user)).toList();
        model.addAttribute("keys", rows);
    }

    private static ObjectNode body(Map<String, String> form) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        for (String field : LABELS.keySet()) {
            String value = form.get(field);
            if (value != null && !value.isBlank()) {
                body.put(field, value);
            }
        }
        return body;
    }

    /** Field name to the sentence shown; a problem without fields (403) is shown under "form". */
    private static Map<String, String> messages(ApiException e) {
        Map<String, String> messages = new LinkedHashMap<>();
        if (e.errors().isEmpty()) {
            messages.put("form", e.getMessage());
            return messages;
        }
        for (ApiException.FieldError error : e.errors()) {
            String label = LABELS.getOrDefault(error.field(), error.field());
            messages.merge(error.field(), label + " " + error.message(), (a, b) -> a + "; " + b);
        }
        return messages;
    }
}
