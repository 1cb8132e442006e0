package dev.atom.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestUsers;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Access tokens are accepted only when HS256, signed with our key and every claim checks out. */
class AccessTokenRejectionTest extends AppTestBase {

    @Autowired
    JwtSigningKey signingKey;

    private TestUsers.User user;

    @BeforeEach
    void signUp() {
        user = new TestUsers(this::http).signUp("kim");
    }

    private JWTClaimsSet.Builder valid() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer("atom")
                .audience("atom-api")
                .subject(user.id())
                .claim("ws", user.workspaceId())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .jwtID(UUID.randomUUID().toString());
    }

    private String signed(JWSAlgorithm algorithm, byte[] key, UnaryOperator<JWTClaimsSet.Builder> change)
            throws Exception {
        SignedJWT jwt =
                new SignedJWT(new JWSHeader(algorithm), change.apply(valid()).build());
        jwt.sign(new MACSigner(key));
        return jwt.serialize();
    }

    private String ours(UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        return signed(JWSAlgorithm.HS256, signingKey.bytes(), change);
    }

    private int status(String token) {
        return http().bearer(token).get("/api/v1/me").status();
    }

    @Test
    void aForgedTokenWithAllClaimsRightIsAcceptedSoTheRejectionsBelowMeanSomething() throws Exception {
        assertThat(status(ours(b -> b))).isEqualTo(200);
        assertThat(status(user.accessToken())).isEqualTo(200);
    }

    @Test
    void rejectsTheNoneAlgorithm() {
        String none = new PlainJWT(valid().build()).serialize();
        assertThat(status(none)).isEqualTo(401);
        // The same claims with a header saying none but an HS256-looking signature part.
        String[] parts = none.split("\\.");
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes());
        assertThat(status(header + "." + parts[1] + ".c2ln")).isEqualTo(401);
    }

    @Test
    void rejectsOtherAlgorithmsEvenWithOurKey() throws Exception {
        byte[] key = signingKey.bytes();
        byte[] longer = new byte[64];
        System.arraycopy(key, 0, longer, 0, key.length);
        System.arraycopy(key, 0, longer, key.length, key.length);
        assertThat(status(signed(JWSAlgorithm.HS512, longer, b -> b))).isEqualTo(401);

        var rsa = new RSAKeyGenerator(2048).generate();
        SignedJWT rs256 = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), valid().build());
        rs256.sign(new RSASSASigner(rsa));
        assertThat(status(rs256.serialize())).isEqualTo(401);
    }

    @Test
    void rejectsAnotherKey() throws Exception {
        assertThat(status(signed(JWSAlgorithm.HS256, TokenHashing.randomBytes(32), b -> b)))
                .isEqualTo(401);
    }

    @Test
    void rejectsExpiredAndNotYetValidTokens() throws Exception {
        Instant past = Instant.now().minus(Duration.ofHours(1));
        assertThat(status(ours(b -> b.issueTime(Date.from(past))
                        .notBeforeTime(Date.from(past))
                        .expirationTime(Date.from(past.plus(Duration.ofMinutes(15)))))))
                .isEqualTo(401);
        Instant future = Instant.now().plus(Duration.ofHours(1));
        assertThat(status(ours(b -> b.notBeforeTime(Date.from(future))))).isEqualTo(401);
        assertThat(status(ours(b -> b.expirationTime(null)))).isEqualTo(401);
    }

    @Test
    void rejectsWrongAudienceIssuerAndMissingClaims() throws Exception {
        assertThat(status(ours(b -> b.audience("someone-else")))).isEqualTo(401);
        assertThat(status(ours(b -> b.issuer("evil")))).isEqualTo(401);
        assertThat(status(ours(b -> b.jwtID(null)))).isEqualTo(401);
        assertThat(status(ours(b -> b.claim("ws", null)))).isEqualTo(401);
        assertThat(status(ours(b -> b.subject(UUID.randomUUID().toString())))).isEqualTo(401);
        assertThat(status("not-a-jwt")).isEqualTo(401);
    }

    @Test
    void aTokenForAWorkspaceTheUserDoesNotBelongToIsRejected() throws Exception {
        var other = new TestUsers(this::http).signUp("lee");
        assertThat(status(ours(b -> b.claim("ws", other.workspaceId())))).isEqualTo(401);
    }
}
