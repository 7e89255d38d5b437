package io.qrlogin.session.token;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.qrlogin.core.client.ClientProperties;
import io.qrlogin.core.client.ClientRegistry;
import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.core.problem.QrLoginException;
import io.qrlogin.testing.TestJwks;
import io.qrlogin.testing.TestTickets;
import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.core.ticket.TicketKind;
import io.qrlogin.core.ticket.TicketState;
import io.qrlogin.session.TestKeys;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionTokenIssuerTest {

    private static final Instant NOW = Instant.parse("2026-11-24T09:00:00.750Z");

    private static final Instant CONFIRMED_AT = Instant.parse("2026-11-24T08:59:57.400Z");

    private final ECKey key = TestJwks.ec("2026-07");

    private final SessionTokenIssuer issuer = issuer(Duration.ofMinutes(45));

    @Test
    void issueThenAnEs256JwtWithKidAndType() throws Exception {
        SignedJWT jwt = SignedJWT.parse(this.issuer.issue(redeemed(CONFIRMED_AT)).value());

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo("2026-07");
        assertThat(jwt.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
        assertThat(jwt.verify(new ECDSAVerifier(this.key.toPublicJWK()))).isTrue();
    }

    @Test
    void issueThenEveryClaimOfTheContract() throws Exception {
        Ticket ticket = redeemed(CONFIRMED_AT);

        SessionToken token = this.issuer.issue(ticket);

        JWTClaimsSet claims = SignedJWT.parse(token.value()).getJWTClaimsSet();
        assertThat(claims.getClaims().keySet()).containsExactlyInAnyOrder("iss", "sub", "name", "aud", "iat", "exp",
                "jti", "sid", "amr", "acr", "auth_time");
        assertThat(claims.getIssuer()).isEqualTo("https://login.example.com");
        assertThat(claims.getSubject()).isEqualTo(TestTickets.ALICE.subject());
        assertThat(claims.getStringClaim("name")).isEqualTo(TestTickets.ALICE.name());
        assertThat(claims.getAudience()).containsExactly("web");
        assertThat(claims.getIssueTime()).isEqualTo(Date.from(Instant.parse("2026-11-24T09:00:00Z")));
        assertThat(claims.getExpirationTime()).isEqualTo(Date.from(Instant.parse("2026-11-24T09:45:00Z")));
        assertThat(claims.getStringListClaim("amr")).containsExactly("qr");
        assertThat(claims.getStringClaim("acr")).isEqualTo("urn:qrlogin:acr:qr");
        assertThat(claims.getLongClaim("auth_time")).isEqualTo(CONFIRMED_AT.getEpochSecond());
        assertThat(claims.getJWTID()).isEqualTo(token.tokenId());
        assertThat(claims.getStringClaim("sid")).isEqualTo(token.sessionId());
    }

    @Test
    void issueThenTheTokenDescribesItself() {
        SessionToken token = this.issuer.issue(redeemed(CONFIRMED_AT));

        assertThat(token.subject()).isEqualTo(TestTickets.ALICE.subject());
        assertThat(token.name()).isEqualTo(TestTickets.ALICE.name());
        assertThat(token.clientId()).isEqualTo("web");
        assertThat(token.issuedAt()).isEqualTo(Instant.parse("2026-11-24T09:00:00Z"));
        assertThat(token.expiresAt()).isEqualTo(Instant.parse("2026-11-24T09:45:00Z"));
        assertThat(token.toString()).doesNotContain(token.value()).doesNotContain(token.tokenId());
    }

    @Test
    void issueThenTokenAndSessionIdsAreRandomAndAtLeast128Bits() {
        SessionToken first = this.issuer.issue(redeemed(CONFIRMED_AT));
        SessionToken second = this.issuer.issue(redeemed(CONFIRMED_AT));

        for (String id : List.of(first.tokenId(), first.sessionId())) {
            assertThat(Base64.getUrlDecoder().decode(id)).hasSizeGreaterThanOrEqualTo(16);
        }
        assertThat(List.of(first.tokenId(), first.sessionId(), second.tokenId(), second.sessionId())).doesNotHaveDuplicates();
    }

    @Test
    void issueWhenConfirmTimeUnknownThenAuthTimeIsTheRedeemTicketsLastChange() throws Exception {
        Ticket ticket = redeemed(null);

        JWTClaimsSet claims = SignedJWT.parse(this.issuer.issue(ticket).value()).getJWTClaimsSet();

        assertThat(claims.getLongClaim("auth_time")).isEqualTo(ticket.updatedAt().getEpochSecond());
    }

    @Test
    void issueThenTheAudienceIsTheRegisteredAudienceOfTheTicketsClient() throws Exception {
        Ticket payroll = new Ticket(TestTickets.qrId(), TicketState.REDEEMED, "payroll", "challenge", TestTickets.BROWSER,
                NOW.minusSeconds(20), NOW.plusSeconds(30), NOW.minusMillis(100), TestTickets.ALICE, CONFIRMED_AT);

        SessionToken token = this.issuer.issue(payroll);

        assertThat(SignedJWT.parse(token.value()).getJWTClaimsSet().getAudience())
            .containsExactly("https://payroll.example.com/api");
        assertThat(token.clientId()).isEqualTo("payroll");
    }

    @Test
    void issueForALoginConfirmedWithNumberMatchingThenTheAcrSaysSo() throws Exception {
        Ticket matched = new Ticket(TestTickets.qrId(), TicketState.REDEEMED, "web", "challenge", TestTickets.BROWSER,
                NOW.minusSeconds(20), NOW.plusSeconds(30), NOW.minusMillis(100), TestTickets.ALICE, CONFIRMED_AT, true,
                "42");

        JWTClaimsSet claims = SignedJWT.parse(this.issuer.issue(matched).value()).getJWTClaimsSet();

        assertThat(claims.getStringClaim("acr")).isEqualTo("urn:qrlogin:acr:qr:number-matching");
    }

    @Test
    void issueThenTheSessionSaysWhetherABrowserOrADeviceOpenedIt() {
        assertThat(this.issuer.issue(redeemed(CONFIRMED_AT)).method()).isEqualTo("qr");
        Ticket device = TestTickets.ticket().state(TicketState.REDEEMED).kind(TicketKind.DEVICE)
            .scannedBy(TestTickets.ALICE).confirmedAt(CONFIRMED_AT).build();

        assertThat(this.issuer.issue(device).method()).isEqualTo("device");
    }

    @Test
    void issueWhenTheTicketsClientIsNoLongerRegisteredThenUnknownClient() {
        Ticket gone = new Ticket(TestTickets.qrId(), TicketState.REDEEMED, "retired", "challenge", TestTickets.BROWSER,
                NOW.minusSeconds(20), NOW.plusSeconds(30), NOW.minusMillis(100), TestTickets.ALICE, CONFIRMED_AT);

        assertThatThrownBy(() -> this.issuer.issue(gone)).isInstanceOfSatisfying(QrLoginException.class,
                (ex) -> assertThat(ex.code()).isEqualTo(ProblemCode.UNKNOWN_CLIENT));
    }

    @Test
    void issueWhenTicketNotRedeemedThenRefused() {
        Ticket confirmed = new Ticket(TestTickets.qrId(), TicketState.CONFIRMED, "web", "challenge", TestTickets.BROWSER,
                NOW, NOW, NOW, TestTickets.ALICE, NOW);

        assertThatIllegalStateException().isThrownBy(() -> this.issuer.issue(confirmed));
    }

    private SessionTokenIssuer issuer(Duration lifetime) {
        SigningKeys keys = SigningKeys.of(TestJwks.jwks(TestJwks.ec("2026-01"), this.key), "2026-07", false);
        SecureRandom random = new SecureRandom();
        ClientRegistry clients = ClientRegistry.of(Map.of("web", ClientProperties.DEFAULTS.get("web"), "payroll",
                ClientProperties.site("Payroll", List.of("https://payroll.example.com"), "https://payroll.example.com/api",
                        null)));
        return new SessionTokenIssuer(keys, clients, "https://login.example.com", lifetime, new RandomIds(random), random,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static Ticket redeemed(Instant confirmedAt) {
        return new Ticket(TestTickets.qrId(), TicketState.REDEEMED, "web", "challenge", TestTickets.BROWSER,
                NOW.minusSeconds(20), NOW.plusSeconds(30), NOW.minusMillis(100), TestTickets.ALICE, confirmedAt);
    }
}
