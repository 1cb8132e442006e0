package dev.atom.ai.gateway;

import dev.atom.ai.AiGateway;
import dev.atom.ai.catalog.ModelCatalog;
import dev.atom.ai.keys.AiKeys;
import dev.atom.ai.ledger.Budgets;
import dev.atom.ai.ledger.UsageLedger;
import dev.atom.ai.providers.ProviderAdapter;
import dev.atom.ai.routing.CandidatePlanner;
import dev.atom.ai.routing.CircuitBreakers;
import dev.atom.ai.routing.LatencyStats;
import dev.atom.ai.routing.TokenEstimator;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the gateway from the catalog, the keys, every provider adapter bean, budgets and the ledger. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RoutingProperties.class)
class GatewayConfig {

    @Bean
    TokenEstimator tokenEstimator() {
        return new TokenEstimator();
    }

    @Bean
    CircuitBreakers circuitBreakers(RoutingProperties properties, Clock clock) {
        return new CircuitBreakers(clock, properties.failureThreshold(), properties.coolDown());
    }

    @Bean
    AttemptLog attemptLog(UsageLedger ledger, Budgets budgets, LatencyStats stats, TokenEstimator tokens, Clock clock) {
        return new AttemptLog(ledger, budgets, stats, tokens, clock);
    }

    @Bean
    AiGateway aiGateway(
            ObjectProvider<ModelCatalog> catalogs,
            ObjectProvider<AiKeys> allKeys,
            List<ProviderAdapter> adapters,
            LatencyStats stats,
            Budgets budgets,
            CircuitBreakers breakers,
            TokenEstimator tokens,
            AttemptLog log,
            RoutingProperties properties,
            Clock clock) {
        ModelCatalog catalog = catalogs.getIfAvailable();
        AiKeys keys = allKeys.getIfAvailable();
        if (catalog == null || keys == null) {
            return new NoKeysGateway(); // only until the keys module is merged; a build without it has no AI
        }
        Map<String, ProviderAdapter> byProvider = new HashMap<>();
        adapters.forEach(a -> byProvider.put(a.provider(), a));
        Map<String, ProviderAdapter> frozen = Map.copyOf(byProvider);
        return new RoutingAiGateway(
                new CandidatePlanner(catalog, keys, stats),
                provider -> Optional.ofNullable(frozen.get(provider)),
                keys,
                budgets,
                breakers,
                tokens,
                log,
                clock,
                properties.maxRetryAfterWait());
    }
}
