package dev.atom.ai.providers;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one HTTP client every adapter shares (connection pool, HTTP/2 where the server offers it). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProvidersProperties.class)
class ProvidersConfig {

    @Bean(destroyMethod = "close")
    ProviderHttp providerHttp(ProvidersProperties properties, Clock clock) {
        return new ProviderHttp(properties.connectTimeout(), properties.readTimeout(), clock);
    }
}
