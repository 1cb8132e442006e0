package dev.atom.connectors.internal;

import dev.atom.connectors.ConnectorException;
import dev.atom.identity.CurrentUser;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
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
    private final DirectActionCalls directCalls;
    private final HealthForecasts health;
    private final java.time.Clock clock;

    ConnectionApiController(
            ConnectionService service,
            ConnectorRegistry registry,
            ConnectionUsers users,
            DirectActionCalls directCalls,
            HealthForecasts health,
            java.time.Clock clock) {
        this.health = health;
        this.clock = clock;
        this.directCalls = directCalls;
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
        Connection c = service.create(
                user, request.connector(), request.auth(), request.name(), request.credentials(), request.visibility());
        return ResponseEntity.created(URI.create("/api/v1/connections/" + c.id()))
                .body(ConnectionJson.of(c));
    }

    @GetMapping("/api/v1/connections")
    List<ConnectionJson> list(@AuthenticationPrincipal CurrentUser user) {
        var uses = users.uses(user.workspaceId(), user.userId());
        var list = service.list(user);
        var views = health.views(user.workspaceId(), list, clock.instant());
        return list.stream()
                .map(c -> ConnectionJson.of(c, uses, user.userId()).withHealth(views.get(c.id())))
                .toList();
    }

    @GetMapping("/api/v1/connections/{id}")
    ConnectionJson get(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        Connection c = service.visible(user, id);
        return ConnectionJson.of(c, users.uses(user.workspaceId(), user.userId()), user.userId())
                .withHealth(health.views(user.workspaceId(), List.of(c), clock.instant())
                        .get(c.id()));
    }

    /** {@code {name?, visibility?}}: who may change what is {@link ConnectionService#update}'s rule. */
    @PatchMapping("/api/v1/connections/{id}")
    ConnectionJson update(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String id,
            @RequestBody(required = false) JsonNode body) {
        service.visible(user, id); // another member's private connection is 404 before its body is judged
        var change = ConnectionRequests.parseUpdate(body);
        Connection c = service.update(user, id, change.name(), change.visibility());
        return ConnectionJson.of(c, users.uses(user.workspaceId(), user.userId()), user.userId());
    }

    /**
     * The direct action calls made on the connection, newest first, for its owner: {@code {items: [{id, user,
     * action, outcome, detail, calledAt}], nextCursor?}}; {@code cursor} is a previous page's nextCursor.
     */
    @GetMapping("/api/v1/connections/{id}/calls")
    Map<String, Object> calls(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String id,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false, defaultValue = "50") int limit) {
        service.get(user, id);
        var errors = new dev.atom.shared.web.FieldErrors();
        if (limit < 1 || limit > 200) {
            errors.add("limit", "must be from 1 to 200");
        }
        if (cursor != null && !cursor.matches("[0-9a-f-]{36}")) {
            errors.add("cursor", "is not a cursor this list gave (use nextCursor of the previous page)");
        }
        errors.throwIfAny();
        List<ConnectionCall> page = service.calls(user, id, cursor, limit + 1);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.stream().limit(limit).map(CallJson::of).toList());
        if (page.size() > limit) {
            body.put("nextCursor", page.get(limit - 1).id());
        }
        return body;
    }

    /** One recorded call as the API shows it. */
    record CallJson(String id, String user, String action, String outcome, String detail, String calledAt) {
        static CallJson of(ConnectionCall c) {
            return new CallJson(
                    c.id(),
                    c.userId(),
                    c.action(),
                    c.outcome(),
                    c.detail(),
                    dev.atom.shared.time.Timestamps.format(c.calledAt()));
        }
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
    ResponseEntity<Map<String, Object>> run(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String id,
            @PathVariable String action,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @RequestBody(required = false) JsonNode input) {
        return directCalls.run(user, id, action, input, idempotencyKey);
    }

    @ExceptionHandler(ConnectorException.class)
    ResponseEntity<Object> connectorFailed(ConnectorException e) {
        return ConnectorProblems.of(e, "input.");
    }
}
