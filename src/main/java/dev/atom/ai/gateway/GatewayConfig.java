package dev.atom.ai.gateway;

import dev.atom.ai.AiGateway;
import dev.atom.ai.catalog.ModelCatalog;
import dev.atom.ai.keys.AiKeys;
import dev.atom.ai.ledger.Budgets;
import dev.atom.ai.ledger.UsageLedger;
import dev.atom.ai.providers.AdapterRegistry;
import dev.atom.ai.routing.CandidatePlanner;
import dev.atom.ai.routing.CircuitBreakers;
import dev.atom.ai.routing.LatencyStats;
import dev.atom.ai.routing.TokenEstimator;
import dev.atom.ai.routing.WorkspaceRouting;
import java.time.Clock;
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
            ModelCatalog catalog,
            AiKeys keys,
            AdapterRegistry adapters,
            LatencyStats stats,
            Budgets budgets,
            CircuitBreakers breakers,
            TokenEstimator tokens,
            AttemptLog log,
            RoutingProperties properties,
            WorkspaceRouting routing,
            Clock clock) {
        return new RoutingAiGateway(
                new CandidatePlanner(catalog, keys, stats, routing::models),
                adapters::find,
                keys,
                budgets,
                breakers,
                tokens,
                log,
                clock,
                properties.maxRetryAfterWait());
    }
}
