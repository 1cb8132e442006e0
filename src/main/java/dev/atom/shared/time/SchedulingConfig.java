package dev.atom.shared.time;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Switches on Spring's {@code @Scheduled} methods, once for every module. Scheduled work runs on every
 * instance, so it must be safe to run concurrently (housekeeping deletes are).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SchedulingConfig {}
