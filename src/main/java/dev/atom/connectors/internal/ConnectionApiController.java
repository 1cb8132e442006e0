package dev.atom.connectors.internal;

import dev.atom.connectors.ConnectorException;
import dev.atom.identity.CurrentUser;
import dev.atom.shared.web.ApiException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The catalog ({@code /api/v1/connectors}) and the workspace's connections ({@code /api/v1/connections}). */
@RestController
class ConnectionApiController {
    private final ConnectionService service;
    private final ConnectorRegistry registry;
    private final ConnectionUsers users;

    ConnectionApiController(ConnectionService service, ConnectorRegistry registry, ConnectionUsers users) {
        this.service = service;
        this.registry = registry;
        this.users = users;
    }

    @GetMapping("/api/v1/connectors")
    List<CatalogJson> catalog(@RequestParam(required = false) String q) {
        return registry.all().stream()
                .map(c -> CatalogJson.of(c, registry))
                .filter(c -> c.matches(q))
                .toList();
    }

    @PostMapping("/api/v1/connections")
    ResponseEntity<ConnectionJson> create(@AuthenticationPrincipal CurrentUser user, @RequestBody JsonNode body) {
        var request = ConnectionRequests.parse(body, registry);
        Connection c = service.create(user, request.connector(), request.auth(), request.name(), request.credentials());
        return ResponseEntity.created(URI.create("/api/v1/connections/" + c.id()))
                .body(ConnectionJson.of(c));
    }

    @GetMapping("/api/v1/connections")
    List<ConnectionJson> list(@AuthenticationPrincipal CurrentUser user) {
        var uses = users.uses(user.workspaceId());
        return service.list(user).stream().map(c -> ConnectionJson.of(c, uses)).toList();
    }

    @GetMapping("/api/v1/connections/{id}")
    ConnectionJson get(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        return ConnectionJson.of(service.get(user, id), users.uses(user.workspaceId()));
    }

    @PostMapping("/api/v1/connections/{id}/test")
    ConnectionJson test(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        return ConnectionJson.of(service.test(user, id));
    }

    @DeleteMapping("/api/v1/connections/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        service.delete(user, id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/connections/{id}/actions/{action}")
    Map<String, JsonNode> run(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String id,
            @PathVariable String action,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @RequestBody(required = false) JsonNode input) {
        service.get(user, id); // another workspace's id is 404 before anything else
        try {
            return Map.of("output", service.run(user.workspaceId(), id, action, input, idempotencyKey));
        } catch (NoSuchElementException e) {
            throw ApiException.notFound("Action '" + action + "' of this connection");
        }
    }

    @ExceptionHandler(ConnectorException.class)
    ResponseEntity<Object> connectorFailed(ConnectorException e) {
        return ConnectorProblems.of(e, "input.");
    }
}
