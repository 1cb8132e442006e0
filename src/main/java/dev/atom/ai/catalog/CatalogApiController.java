package dev.atom.ai.catalog;

import dev.atom.identity.CurrentUser;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/ai/models} (the catalog as the caller sees it, prices in USD per million tokens) and the
 * admins' price overrides under {@code /api/v1/ai/prices/overrides}; the same under {@code /ai/api} for pages
 * (session cookie and CSRF token), such as the chat's model picker.
 */
@RestController
@RequestMapping({"/api/v1/ai", "/ai/api"})
class CatalogApiController {
    private final ModelListing listing;
    private final CatalogService catalog;
    private final PriceOverrides overrides;

    CatalogApiController(ModelListing listing, CatalogService catalog, PriceOverrides overrides) {
        this.listing = listing;
        this.catalog = catalog;
        this.overrides = overrides;
    }

    record ModelView(
            String id,
            String provider,
            String displayName,
            BigDecimal inputPerMillionUsd,
            BigDecimal outputPerMillionUsd,
            BigDecimal cachedInputPerMillionUsd,
            int contextWindow,
            int maxOutputTokens,
            List<String> capabilities,
            boolean usable,
            PriceSource priceSource) {
        static ModelView of(ModelListing.Listed l) {
            ModelInfo m = l.model();
            return new ModelView(
                    m.id(),
                    m.provider(),
                    m.displayName(),
                    usd(m.inputPricePerMillion()),
                    usd(m.outputPricePerMillion()),
                    usd(m.cachedInputPricePerMillion()),
                    m.contextWindow(),
                    m.maxOutputTokens(),
                    m.capabilities().stream()
                            .sorted()
                            .map(c -> c.name().toLowerCase(Locale.ROOT))
                            .toList(),
                    l.usable(),
                    l.priceSource());
        }
    }

    record Models(List<ModelView> items, String asOf, Map<String, String> sources) {}

    record OverrideView(
            String id, String model, BigDecimal input, BigDecimal output, BigDecimal cachedInput, Instant updatedAt) {
        static OverrideView of(PriceOverride o) {
            return new OverrideView(
                    o.id(),
                    o.model(),
                    usd(o.inputMicros()),
                    usd(o.outputMicros()),
                    usd(o.cachedInputMicros()),
                    o.updatedAt());
        }
    }

    record Overrides(List<OverrideView> items) {}

    @GetMapping("/models")
    Models models(@AuthenticationPrincipal CurrentUser user) {
        return new Models(
                listing.list(user.workspaceId(), user.userId()).stream()
                        .map(ModelView::of)
                        .toList(),
                catalog.asOf(),
                catalog.sources());
    }

    @GetMapping("/prices/overrides")
    Overrides list(@AuthenticationPrincipal CurrentUser user) {
        return new Overrides(overrides.list(user).stream().map(OverrideView::of).toList());
    }

    @PutMapping("/prices/overrides")
    OverrideView put(@AuthenticationPrincipal CurrentUser user, @RequestBody JsonNode body) {
        return OverrideView.of(overrides.put(user, body));
    }

    @DeleteMapping("/prices/overrides/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        overrides.delete(user, id);
    }

    /** Micro-dollars to plain decimal dollars: 2_500_000 is 2.5, 10_000_000 is 10. */
    static BigDecimal usd(long micros) {
        BigDecimal usd = BigDecimal.valueOf(micros, 6).stripTrailingZeros();
        return usd.scale() < 0 ? usd.setScale(0) : usd;
    }
}
