package dev.atom.ops.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Registers the request id and request size filters (who may call Actuator is decided in web.SecurityConfig). */
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

    /** Right after the request id, so a refused body's 413 carries the id and nothing else runs first. */
    @Bean
    FilterRegistrationBean<RequestSizeFilter> requestSizeFilter(
            @Value("${atom.web.max-request-bytes:4194304}") long limit,
            @Value("${atom.web.max-ai-request-bytes:33554432}") long aiLimit) {
        var registration = new FilterRegistrationBean<>(new RequestSizeFilter(limit, aiLimit));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.setName("requestSizeFilter");
        return registration;
    }
}
