package io.qrlogin.bench.jmh;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;

/**
 * ES256 with nimbus-jose-jwt, single thread: signing a session token (what every redeem does) and
 * verifying an app token (what every scan and confirm does). Compare JREs with
 * {@code JAVA_HOME=… bench/run.sh jmh Es256}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Es256Benchmark extends OneThreadBenchmark {

    private ECDSASigner signer;

    private ECDSAVerifier verifier;

    private JWSHeader header;

    private JWTClaimsSet claims;

    private SignedJWT signed;

    @Setup
    public void setUp() throws JOSEException {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("bench").generate();
        this.signer = new ECDSASigner(key);
        this.verifier = new ECDSAVerifier(key.toPublicJWK());
        this.header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("bench").build();
        Instant now = Instant.now();
        this.claims = new JWTClaimsSet.Builder().issuer("http://localhost:8080").subject("alice").claim("name", "Alice")
            .audience("web").issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(3600)))
            .jwtID(UUID.randomUUID().toString()).claim("sid", UUID.randomUUID().toString()).claim("amr", List.of("qr"))
            .claim("auth_time", now.getEpochSecond()).build();
        this.signed = sign();
    }

    @Benchmark
    public String signSessionToken() throws JOSEException {
        return sign().serialize();
    }

    @Benchmark
    public boolean verifyToken() throws JOSEException {
        return this.signed.verify(this.verifier);
    }

    private SignedJWT sign() throws JOSEException {
        SignedJWT jwt = new SignedJWT(this.header, this.claims);
        jwt.sign(this.signer);
        return jwt;
    }
}
