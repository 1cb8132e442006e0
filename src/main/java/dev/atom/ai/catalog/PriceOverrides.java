package dev.atom.ai.catalog;

import dev.atom.identity.CurrentUser;
import dev.atom.identity.Role;
import dev.atom.shared.Ids;
import dev.atom.shared.audit.AuditEvent;
import dev.atom.shared.web.ApiException;
import dev.atom.shared.web.FieldErrors;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Workspace admins' prices: USD per million tokens in, micro-dollars stored (exactly: at most six decimals).
 * Only models the workspace's catalog knows can be priced. Thread-safe (stateless).
 */
@Service
class PriceOverrides {
    /** $1,000,000 per million tokens: far above any real price, well inside a long. */
    static final BigDecimal MAX_USD = BigDecimal.valueOf(1_000_000);

    private final PriceOverrideRepository repository;
    private final CatalogService catalog;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PriceOverrides(
            PriceOverrideRepository repository, CatalogService catalog, ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.catalog = catalog;
        this.events = events;
        this.clock = clock;
    }

    List<PriceOverride> list(CurrentUser user) {
        return repository.list(user.workspaceId());
    }

    PriceOverride put(CurrentUser user, JsonNode body) {
        user.require(Role.ADMIN);
        FieldErrors errors = new FieldErrors();
        if (body == null || !body.isObject()) {
            errors.add("model", "is required").throwIfAny();
        }
        JsonNode modelNode = body.get("model");
        String model =
                modelNode != null && modelNode.isString() ? modelNode.asString().strip() : null;
        if (model == null || model.isEmpty()) {
            errors.add("model", "is required");
        } else if (catalog.entries(user.workspaceId()).stream()
                .noneMatch(e -> e.model().id().equals(model))) {
            errors.add("model", "is not a model of this workspace's catalog");
        }
        Long input = price(body, "input", true, errors);
        Long output = price(body, "output", true, errors);
        Long cached = price(body, "cachedInput", false, errors);
        errors.throwIfAny();
        PriceOverride stored = repository.put(new PriceOverride(
                Ids.newId(),
                user.workspaceId(),
                model,
                input,
                output,
                cached == null ? input : cached,
                user.userId(),
                clock.instant()));
        catalog.invalidate(user.workspaceId());
        audit(user, "ai.price.overridden", stored);
        return stored;
    }

    void delete(CurrentUser user, String id) {
        if (!Ids.isValid(id)) {
            throw ApiException.notFound("Price override");
        }
        PriceOverride existing =
                repository.find(user.workspaceId(), id).orElseThrow(() -> ApiException.notFound("Price override"));
        user.require(Role.ADMIN);
        repository.delete(user.workspaceId(), id);
        catalog.invalidate(user.workspaceId());
        audit(user, "ai.price.override-removed", existing);
    }

    private static Long price(JsonNode body, String field, boolean required, FieldErrors errors) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                errors.add(field, "is required");
            }
            return null;
        }
        BigDecimal usd;
        try {
            usd = node.isNumber() ? node.decimalValue() : node.isString() ? new BigDecimal(node.asString()) : null;
        } catch (NumberFormatException e) {
            usd = null;
        }
        if (usd == null) {
            errors.add(field, "must be a number (USD per million tokens)");
            return null;
        }
        if (usd.signum() < 0 || usd.compareTo(MAX_USD) > 0) {
            errors.add(field, "must be between 0 and 1000000");
            return null;
        }
        if (usd.stripTrailingZeros().scale() > 6) {
            errors.add(field, "must have at most 6 decimals (a micro-dollar)");
            return null;
        }
        return CatalogFile.micros(usd);
    }

    private void audit(CurrentUser user, String type, PriceOverride o) {
        events.publishEvent(new AuditEvent(
                user.workspaceId(), user.userId(), type, Map.of("overrideId", o.id(), "model", o.model()), null));
    }
}
