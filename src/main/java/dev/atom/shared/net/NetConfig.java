package dev.atom.shared.net;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The SSRF guard and the guarded HTTP client, configured by {@code atom.http.allow-hosts}. */
@Configuration(proxyBeanMethods = false)
class NetConfig {
    @Bean
    SsrfGuard ssrfGuard(@Value("${atom.http.allow-hosts:}") String allowHosts) {
        return SsrfGuard.of(allowHosts);
    }

    @Bean(destroyMethod = "close")
    GuardedHttpClient guardedHttpClient(SsrfGuard guard) {
        return new GuardedHttpClient(guard, Duration.ofSeconds(10));
    }
}
