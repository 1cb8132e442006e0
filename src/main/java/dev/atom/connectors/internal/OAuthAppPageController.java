package dev.atom.connectors.internal;

import dev.atom.connectors.AuthSpec;
import dev.atom.connectors.Connector;
import dev.atom.identity.CurrentUser;
import dev.atom.shared.web.ApiException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * The Connections page's "Set up" panel for an OAuth service (admins): the redirect URI to copy, the steps to
 * register the app (docs/connectors.md's section for the service), the scopes and why, and the form for the
 * client id and secret (same rules as the API). Also the page showing a service's steps alone, which the panel
 * links to. Saving or removing tells the page to refresh its catalog ({@code oauth-apps-changed}).
 */
@Controller
class OAuthAppPageController {
    private static final String FRAGMENTS = "connections/oauth-app";
    private final OAuthApps apps;
    private final OAuthFlow flow;
    private final OAuthAppGuides guides;

    OAuthAppPageController(OAuthApps apps, OAuthFlow flow, OAuthAppGuides guides) {
        this.apps = apps;
        this.flow = flow;
        this.guides = guides;
    }

    @GetMapping("/connections/oauth-app/{id}")
    String panel(@AuthenticationPrincipal CurrentUser user, @PathVariable String id, Model model) {
        Connector c = apps.oauthConnector(id);
        OAuthApps.requireAdmin(user);
        return panel(user, c, model, Map.of(), null);
    }

    @PostMapping("/connections/oauth-app/{id}")
    String save(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String id,
            @RequestParam Map<String, String> form,
            Model model,
            HttpServletResponse response) {
        Connector c = apps.oauthConnector(id);
        OAuthApps.requireAdmin(user);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("clientId", form.getOrDefault("clientId", ""));
        body.put("clientSecret", form.getOrDefault("clientSecret", ""));
        body.put("testing", form.containsKey("testing"));
        try {
            apps.register(user, c.id(), OAuthAppController.parse(body));
        } catch (ApiException e) {
            if (e.errors().isEmpty()) {
                throw e;
            }
            Map<String, String> errors = new LinkedHashMap<>();
            e.errors().forEach(err -> errors.merge(err.field(), err.message(), (a, b) -> a + "; " + b));
            return panel(user, c, model, errors, null);
        }
        response.setHeader("HX-Trigger", "oauth-apps-changed");
        return panel(user, c, model, Map.of(), "Saved. Everyone in this workspace can now connect " + c.name() + ".");
    }

    @DeleteMapping("/connections/oauth-app/{id}")
    String remove(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String id,
            Model model,
            HttpServletResponse response) {
        Connector c = apps.oauthConnector(id);
        apps.remove(user, c.id());
        response.setHeader("HX-Trigger", "oauth-apps-changed");
        return panel(user, c, model, Map.of(), "Removed this workspace's app for " + c.name() + ".");
    }

    /** The service's registration steps alone, as docs/connectors.md has them. */
    @GetMapping("/connections/oauth-app/{id}/guide")
    String guide(@PathVariable String id, Model model) {
        Connector c = apps.oauthConnector(id);
        model.addAttribute("connector", c);
        model.addAttribute("steps", guides.steps(c.id()).orElse(null));
        model.addAttribute("redirectUri", flow.redirectUri());
        return FRAGMENTS + "-guide";
    }

    private String panel(CurrentUser user, Connector c, Model model, Map<String, String> errors, String saved) {
        AuthSpec.OAuth2 auth = c.oauth2().orElseThrow();
        model.addAttribute("connector", c);
        model.addAttribute("app", OAuthAppJson.of(c, apps, user.workspaceId(), flow.redirectUri()));
        model.addAttribute("steps", guides.steps(c.id()).orElse(null));
        model.addAttribute("google", auth.tokenUrl().contains("googleapis.com"));
        model.addAttribute("errors", errors);
        model.addAttribute("saved", saved);
        return FRAGMENTS + " :: panel";
    }
}
