package dev.atom.ops.internal;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Registers the request id filter (who may call Actuator is decided in web.SecurityConfig). */
@Configuration(proxyBeanMethods = false)
class OpsWebConfig {

    /** First of all filters, before Spring Security, so even its 401s and 403s carry the request id. */
    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        var registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setName("requestIdFilter");
        return registration;
    }
}
