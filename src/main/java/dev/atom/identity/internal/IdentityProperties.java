package dev.atom.identity.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the identity module ({@code atom.identity.*}). {@code signup} is {@code open} (anyone may sign
 * up) or {@code invite} (only with an invitation token); operators set it with {@code ATOM_SIGNUP}.
 */
@ConfigurationProperties("atom.identity")
record IdentityProperties(
        @DefaultValue("open") Signup signup,
        @DefaultValue("15m") Duration accessTokenTtl,
        @DefaultValue("30d") Duration refreshTokenTtl,
        @DefaultValue("7d") Duration invitationTtl,
        @DefaultValue("7d") Duration sessionIdle,
        @DefaultValue("30d") Duration sessionMax,
        @DefaultValue Throttle throttle) {

    enum Signup {
        OPEN,
        INVITE
    }

    /**
     * Failed logins: {@code emailFailures} within {@code window} lock that email, {@code ipFailures} lock the
     * client address; each further lock of the same key lasts twice as long, up to {@code maxLock}.
     */
    record Throttle(
            @DefaultValue("5") int emailFailures,
            @DefaultValue("50") int ipFailures,
            @DefaultValue("15m") Duration window,
            @DefaultValue("1m") Duration firstLock,
            @DefaultValue("1h") Duration maxLock) {}
}
