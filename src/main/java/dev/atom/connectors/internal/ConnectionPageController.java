package dev.atom.connectors.internal;

import dev.atom.connectors.AuthSpec;
import dev.atom.connectors.Connector;
import dev.atom.identity.CurrentUser;
import dev.atom.identity.Members;
import dev.atom.identity.Role;
import dev.atom.shared.web.ApiException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
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
 * The Connections page and its htmx fragments: the catalog (searchable), the connect form built from the
 * connector's credential fields, and the workspace's connections with test and disconnect, who may use each
 * (private or shared, changed in place) and, for the owner, its recorded direct calls. Validation problems come
 * back as the same form with the errors in place (200, so htmx swaps).
 */
@Controller
class ConnectionPageController {
    private static final String FRAGMENTS = "connections/fragments";
    private final ConnectionService service;
    private final ConnectorRegistry registry;
    private final ConnectionUsers users;
    private final Members members;
    private final OAuthApps apps;
    private final HealthForecasts health;
    private final java.time.Clock clock;
    private final OAuthAppGuides guides;

    ConnectionPageController(
            ConnectionService service,
            ConnectorRegistry registry,
            ConnectionUsers users,
            Members members,
            OAuthApps apps,
            HealthForecasts health,
            java.time.Clock clock,
            OAuthAppGuides guides) {
        this.guides = guides;
        this.health = health;
        this.clock = clock;
        this.service = service;
        this.registry = registry;
        this.users = users;
        this.members = members;
        this.apps = apps;
    }

    @GetMapping("/connections")
    String page(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String oauth,
            @RequestParam(required = false) String connector,
            @RequestParam(required = false) String error,
            Model model) {
        catalog(user, null, model);
        connections(user, model);
        model.addAttribute("oauthOutcome", OAuthOutcome.of(oauth, connector, error, registry));
        return "connections/page";
    }

    @GetMapping("/connections/catalog")
    String catalogFragment(
            @AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String q, Model model) {
        catalog(user, q, model);
        return FRAGMENTS + " :: catalog";
    }

    @GetMapping("/connections/list")
    String list(@AuthenticationPrincipal CurrentUser user, Model model) {
        connections(user, model);
        return FRAGMENTS + " :: list";
    }

    /**
     * The connect form of a form-based way, with its steps from docs/connectors.md ("Connecting alone"); a
     * {@code preset} (gmail over the e-mail connector) fills in the non-secret fields and names its own steps.
     */
    @GetMapping("/connections/new")
    String form(
            @RequestParam String connector,
            @RequestParam(required = false) String auth,
            @RequestParam(required = false) String preset,
            Model model) {
        Connector c = registry.connector(connector).orElseThrow(() -> ApiException.notFound("Connector"));
        var chosen = AlonePresets.byId(preset).filter(p -> p.connector().equals(c.id()));
        String name = chosen.flatMap(p -> registry.connector(p.forService()))
                .map(Connector::name)
                .orElse(c.name());
        model.addAttribute("connector", c);
        model.addAttribute("auth", formAuth(c, auth));
        model.addAttribute("form", Map.of("name", name, "visibility", ConnectionService.defaultVisibility(c)));
        model.addAttribute("preset", chosen.map(AlonePresets.Preset::values).orElse(Map.of()));
        model.addAttribute(
                "steps",
                guides.aloneSteps(chosen.map(AlonePresets.Preset::id).orElse(c.id()))
                        .orElse(null));
        model.addAttribute("errors", Map.of());
        return FRAGMENTS + " :: connect-form";
    }

    @PostMapping("/connections")
    String create(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam Map<String, String> form,
            Model model,
            HttpServletResponse response) {
        Connector c = registry.connector(form.get("connector")).orElseThrow(() -> ApiException.notFound("Connector"));
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("connector", c.id());
        body.put("name", form.getOrDefault("name", ""));
        if (form.get("visibility") != null) {
            body.put("visibility", form.get("visibility"));
        }
        AuthSpec auth = formAuth(c, form.get("auth"));
        body.put("auth", auth.kind());
        ObjectNode credentials = body.putObject("credentials");
        auth.fields().forEach(f -> {
            String v = form.get("credentials." + f.name());
            if (v != null && !v.isEmpty()) {
                credentials.put(f.name(), v);
            }
        });
        try {
            var request = ConnectionRequests.parse(body, registry);
            service.create(
                    user,
                    request.connector(),
                    request.auth(),
                    request.name(),
                    request.credentials(),
                    request.visibility());
            response.setHeader("HX-Trigger", "connections-changed");
            return FRAGMENTS + " :: connected";
        } catch (ApiException e) {
            if (e.errors().isEmpty()) {
                throw e;
            }
            Map<String, String> errors = new LinkedHashMap<>();
            e.errors().forEach(err -> errors.merge(err.field(), err.message(), (a, b) -> a + "; " + b));
            Map<String, String> kept = new LinkedHashMap<>();
            kept.put("name", form.getOrDefault("name", ""));
            kept.put("visibility", form.getOrDefault("visibility", ConnectionService.defaultVisibility(c)));
            model.addAttribute("connector", c);
            model.addAttribute("auth", auth);
            model.addAttribute("form", kept); // secrets are never echoed back into the page
            model.addAttribute("preset", presetValues(auth, form));
            model.addAttribute("steps", null);
            model.addAttribute("errors", errors);
            return FRAGMENTS + " :: connect-form";
        }
    }

    @PostMapping("/connections/{id}/test")
    String test(@AuthenticationPrincipal CurrentUser user, @PathVariable String id, Model model) {
        viewer(user, model);
        Connection c = service.test(user, id);
        model.addAttribute(
                "c",
                ConnectionJson.of(c)
                        .withHealth(health.views(user.workspaceId(), java.util.List.of(c), clock.instant())
                                .get(c.id())));
        return FRAGMENTS + " :: row";
    }

    @PostMapping("/connections/{id}/visibility")
    String visibility(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String id,
            @RequestParam String visibility,
            Model model) {
        service.visible(user, id);
        var change = ConnectionRequests.parseUpdate(
                JsonNodeFactory.instance.objectNode().put("visibility", visibility));
        Connection c = service.update(user, id, null, change.visibility());
        viewer(user, model);
        model.addAttribute("c", ConnectionJson.of(c, users.uses(user.workspaceId(), user.userId()), user.userId()));
        return FRAGMENTS + " :: row";
    }

    @GetMapping("/connections/{id}/calls")
    String calls(@AuthenticationPrincipal CurrentUser user, @PathVariable String id, Model model) {
        viewer(user, model);
        model.addAttribute(
                "calls",
                service.calls(user, id, null, 50).stream()
                        .map(ConnectionApiController.CallJson::of)
                        .toList());
        return FRAGMENTS + " :: calls";
    }

    /** Who is looking (their own rows get the owner's controls) and the members' names for the owner column. */
    private void viewer(CurrentUser user, Model model) {
        model.addAttribute("viewerId", user.userId());
        model.addAttribute("viewerAdmin", user.role().atLeast(Role.ADMIN));
        Map<String, String> names = new LinkedHashMap<>();
        members.list(user.workspaceId()).forEach(m -> names.put(m.userId(), m.name() == null ? m.email() : m.name()));
        model.addAttribute("ownerNames", names);
    }

    @DeleteMapping("/connections/{id}")
    ResponseEntity<String> delete(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        service.delete(user, id);
        return ResponseEntity.ok().header("HX-Trigger", "connections-changed").body("");
    }

    /** The non-secret fields as typed, so a refused form keeps them (never a secret). */
    private static Map<String, String> presetValues(AuthSpec auth, Map<String, String> form) {
        Map<String, String> out = new LinkedHashMap<>();
        auth.fields().stream().filter(f -> !f.secret()).forEach(f -> {
            String v = form.get("credentials." + f.name());
            if (v != null) {
                out.put(f.name(), v);
            }
        });
        return out;
    }

    /** The form-based way to connect that was asked for, else the connector's first one. */
    private static AuthSpec formAuth(Connector c, String kind) {
        return (kind == null ? java.util.Optional.<AuthSpec>empty() : c.auth(kind))
                .filter(ConnectionService::connectsWithForm)
                .or(() -> ConnectionService.formAuth(c))
                .orElseThrow(() -> ApiException.invalid("connector", "connects through OAuth at the provider"));
    }

    /**
     * The catalog, with whether each OAuth service is set up for the workspace ({@code oauthSources}: workspace,
     * environment, or absent), so members see "ask an admin" instead of a Connect button that cannot work.
     */
    private void catalog(CurrentUser user, String q, Model model) {
        model.addAttribute("oauthSources", apps.sources(user.workspaceId()));
        model.addAttribute("alonePresets", AlonePresets.byService());
        model.addAttribute("viewerAdmin", user.role().atLeast(Role.ADMIN));
        model.addAttribute(
                "catalog",
                registry.all().stream()
                        .map(c -> CatalogJson.of(c, registry))
                        .filter(c -> c.matches(q))
                        .toList());
        model.addAttribute("q", q == null ? "" : q);
    }

    private void connections(CurrentUser user, Model model) {
        Map<String, String> names = new LinkedHashMap<>();
        registry.all().forEach(c -> names.put(c.id(), c.name()));
        model.addAttribute("connectorNames", names);
        model.addAttribute(
                "oauthConnectors",
                registry.all().stream()
                        .filter(c -> c.oauth2().isPresent())
                        .map(Connector::id)
                        .collect(java.util.stream.Collectors.toSet()));
        var uses = users.uses(user.workspaceId(), user.userId());
        viewer(user, model);
        var list = service.list(user);
        var views = health.views(user.workspaceId(), list, clock.instant());
        model.addAttribute(
                "connections",
                list.stream()
                        .map(c -> ConnectionJson.of(c, uses, user.userId()).withHealth(views.get(c.id())))
                        .toList());
    }
}
