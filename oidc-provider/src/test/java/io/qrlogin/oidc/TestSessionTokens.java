package io.qrlogin.oidc;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Session tokens exactly as session-service issues them after a QR login (ES256, {@code typ: JWT},
 * the signing key's {@code kid}; {@code iss sub name aud iat exp jti sid amr auth_time}), so a test
 * plays the widget's redeem step. Each test changes only what it is about.
 */
public final class TestSessionTokens {

    /** The user who confirms on the phone. */
    public static final String ALICE = "alice";

    public static final String ALICE_NAME = "Alice Example";

    private final String issuer;

    private ECKey key = TestKeys.CURRENT;

    private String subject = ALICE;

    private String name = ALICE_NAME;

    private String audience;

    private Instant issuedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private Instant authTime = this.issuedAt.minusSeconds(10);

    private String sessionId = UUID.randomUUID().toString();

    private String tokenId = UUID.randomUUID().toString();

    private UnaryOperator<JWTClaimsSet.Builder> change = UnaryOperator.identity();

    private TestSessionTokens(String issuer, String audience) {
        this.issuer = issuer;
        this.audience = audience;
    }

    /** A fresh session token of Alice's for {@code audience}, issued now by {@code issuer}. */
    public static TestSessionTokens of(String issuer, String audience) {
        return new TestSessionTokens(issuer, audience);
    }

    public TestSessionTokens key(ECKey key) {
        this.key = key;
        return this;
    }

    public TestSessionTokens user(String subject, String name) {
        this.subject = subject;
        this.name = name;
        return this;
    }

    public TestSessionTokens audience(String audience) {
        this.audience = audience;
        return this;
    }

    public TestSessionTokens issuedAgo(Duration age) {
        this.issuedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(age);
        this.authTime = this.issuedAt.minusSeconds(10);
        return this;
    }

    public TestSessionTokens authTime(Instant authTime) {
        this.authTime = authTime.truncatedTo(ChronoUnit.SECONDS);
        return this;
    }

    public TestSessionTokens sessionId(String sessionId) {
        this.sessionId = sessionId;
        return this;
    }

    public TestSessionTokens tokenId(String tokenId) {
        this.tokenId = tokenId;
        return this;
    }

    /** Any other change to the claims. */
    public TestSessionTokens claims(UnaryOperator<JWTClaimsSet.Builder> change) {
        this.change = change;
        return this;
    }

    public Instant authTime() {
        return this.authTime;
    }

    public String sessionId() {
        return this.sessionId;
    }

    /** The signed token. */
    public String sign() {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(this.issuer)
            .subject(this.subject)
            .claim("name", this.name)
            .audience(this.audience)
            .issueTime(Date.from(this.issuedAt))
            .expirationTime(Date.from(this.issuedAt.plus(Duration.ofHours(1))))
            .jwtID(this.tokenId)
            .claim("sid", this.sessionId)
            .claim("amr", List.of("qr"))
            .claim("auth_time", this.authTime.getEpochSecond());
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(this.key.getKeyID())
            .type(JOSEObjectType.JWT)
            .build();
        SignedJWT jwt = new SignedJWT(header, this.change.apply(claims).build());
        try {
            jwt.sign(new ECDSASigner(this.key));
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
        return jwt.serialize();
    }
}
