package dev.atom.identity.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.atom.shared.Ids;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Issues and verifies access tokens: HS256 JWTs (the only algorithm accepted) with iss, aud, sub, ws, iat,
 * nbf, exp and jti, all of which are checked. Thread-safe.
 */
@Component
class AccessTokens {
    static final String ISSUER = "atom";
    static final String AUDIENCE = "atom-api";
    static final String WORKSPACE_CLAIM = "ws";
    private static final Duration SKEW = Duration.ofSeconds(30);

    private final JwtSigningKey key;
    private final IdentityProperties properties;
    private final Clock clock;

    AccessTokens(JwtSigningKey key, IdentityProperties properties, Clock clock) {
        this.key = key;
        this.properties = properties;
        this.clock = clock;
    }

    record Claims(String userId, String workspaceId, String tokenId) {}

    Duration ttl() {
        return properties.accessTokenTtl();
    }

    String issue(String userId, String workspaceId) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(userId)
                .claim(WORKSPACE_CLAIM, workspaceId)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl())))
                .jwtID(Ids.newId())
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        try {
            jwt.sign(new MACSigner(key.bytes()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an access token", e);
        }
        return jwt.serialize();
    }

    /** The token's claims when it is well-formed, HS256, signed with our key and valid now; else empty. */
    Optional<Claims> verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())
                    || !jwt.verify(new MACVerifier(key.bytes()))) {
                return Optional.empty();
            }
            return valid(jwt.getJWTClaimsSet());
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private Optional<Claims> valid(JWTClaimsSet claims) throws ParseException {
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        Date nbf = claims.getNotBeforeTime();
        Date iat = claims.getIssueTime();
        String workspace = claims.getStringClaim(WORKSPACE_CLAIM);
        boolean ok = ISSUER.equals(claims.getIssuer())
                && claims.getAudience() != null
                && claims.getAudience().contains(AUDIENCE)
                && notBlank(claims.getSubject())
                && notBlank(workspace)
                && notBlank(claims.getJWTID())
                && exp != null
                && now.minus(SKEW).isBefore(exp.toInstant())
                && nbf != null
                && !nbf.toInstant().isAfter(now.plus(SKEW))
                && iat != null
                && !iat.toInstant().isAfter(now.plus(SKEW));
        return ok ? Optional.of(new Claims(claims.getSubject(), workspace, claims.getJWTID())) : Optional.empty();
    }

    private static boolean notBlank(String text) {
        return text != null && !text.isBlank();
    }
}
