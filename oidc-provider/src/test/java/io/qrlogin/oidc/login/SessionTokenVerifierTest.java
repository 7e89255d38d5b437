package io.qrlogin.oidc.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import io.qrlogin.keys.SigningKeySet;
import io.qrlogin.oidc.TestKeys;
import io.qrlogin.oidc.TestSessionTokens;
import io.qrlogin.oidc.login.Handoff.Reason;
import io.qrlogin.testing.TestJwks;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

class SessionTokenVerifierTest {

    private static final String ISSUER = "https://login.example.test";

    private final UsedTokenIds used = mock(UsedTokenIds.class);

    private final SessionTokenVerifier verifier = new SessionTokenVerifier(SigningKeySet.of(TestKeys.deployed(), "2026-07"),
            ISSUER, Duration.ofMinutes(2), this.used, Clock.systemUTC());

    @Test
    void freshQrSessionTokenForTheAudienceThenTheUserItSignedIn() {
        given(this.used.firstUse(eq("jti-1"), any())).willReturn(true);
        TestSessionTokens token = TestSessionTokens.of(ISSUER, "payroll-api").tokenId("jti-1");
        String signed = token.sign();

        Handoff handoff = this.verifier.verify(signed, "payroll-api");

        assertThat(handoff).isEqualTo(new Handoff.Accepted(new QrAuthentication(TestSessionTokens.ALICE,
                TestSessionTokens.ALICE_NAME, token.sessionId(), token.authTime())));
    }

    @Test
    void usedMarkLastsAsLongAsTheTokenCouldBeAccepted() {
        given(this.used.firstUse(eq("jti-2"), any())).willReturn(true);

        this.verifier.verify(TestSessionTokens.of(ISSUER, "rp").tokenId("jti-2").sign(), "rp");

        verify(this.used).firstUse(eq("jti-2"), argThat((ttl) -> ttl.compareTo(
                Duration.ofHours(1).plus(SessionTokenVerifier.CLOCK_SKEW)) <= 0 && ttl.compareTo(Duration.ofMinutes(59)) > 0));
    }

    @Test
    void tokenHandedOverBeforeThenReplayed() {
        given(this.used.firstUse(any(), any())).willReturn(false);

        assertThat(this.verifier.verify(TestSessionTokens.of(ISSUER, "rp").sign(), "rp"))
            .isEqualTo(new Handoff.Refused(Reason.REPLAYED));
    }

    @Test
    void eachFlawIsRefusedForItsReasonBeforeTheTokenIsMarkedUsed() {
        assertRefused(TestSessionTokens.of(ISSUER, "rp").audience("other").sign(), Reason.AUDIENCE);
        assertRefused(TestSessionTokens.of(ISSUER, "rp").issuedAgo(Duration.ofMinutes(3)).sign(), Reason.STALE);
        assertRefused(TestSessionTokens.of(ISSUER, "rp").issuedAgo(Duration.ofMinutes(-5)).sign(), Reason.STALE);
        assertRefused(TestSessionTokens.of("https://other.example", "rp").sign(), Reason.ISSUER);
        assertRefused(TestSessionTokens.of(ISSUER, "rp").key(TestJwks.ec("2026-07")).sign(), Reason.SIGNATURE);
        assertRefused(TestSessionTokens.of(ISSUER, "rp").key(TestJwks.ec("unknown")).sign(), Reason.SIGNATURE);
        assertRefused(TestSessionTokens.of(ISSUER, "rp").claims((c) -> c.claim("amr", List.of("pwd"))).sign(),
                Reason.METHOD);
        assertRefused(TestSessionTokens.of(ISSUER, "rp").claims((c) -> c.claim("azp", "rp")).sign(), Reason.ID_TOKEN);
        assertRefused(TestSessionTokens.of(ISSUER, "rp").claims((c) -> c.claim("auth_time", null)).sign(), Reason.CLAIMS);
        assertRefused(TestSessionTokens.of(ISSUER, "rp").claims((c) -> c.claim("name", null)).sign(), Reason.CLAIMS);
        assertRefused(TestSessionTokens.of(ISSUER, "rp").claims((c) -> c.subject(null)).sign(), Reason.CLAIMS);
        assertRefused(TestSessionTokens.of(ISSUER, "rp")
            .claims((c) -> c.expirationTime(Date.from(Instant.now().minusSeconds(60)))).sign(), Reason.EXPIRED);
        assertRefused("a.b.c", Reason.MALFORMED);
        verify(this.used, never()).firstUse(any(), any());
    }

    @Test
    void clocksDisagreeingALittleAreTolerated() {
        given(this.used.firstUse(any(), any())).willReturn(true);
        SessionTokenVerifier behind = new SessionTokenVerifier(SigningKeySet.of(TestKeys.deployed(), null), ISSUER,
                Duration.ofMinutes(2), this.used, Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-20)));

        assertThat(behind.verify(TestSessionTokens.of(ISSUER, "rp").sign(), "rp")).isInstanceOf(Handoff.Accepted.class);
    }

    private void assertRefused(String token, Reason reason) {
        assertThat(this.verifier.verify(token, "rp")).as(reason.name()).isEqualTo(new Handoff.Refused(reason));
    }
}
