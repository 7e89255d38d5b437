package io.qrlogin.session.token;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import io.qrlogin.core.client.Client;
import io.qrlogin.core.client.ClientRegistry;
import io.qrlogin.core.ticket.AppUser;
import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.core.ticket.TicketKind;
import io.qrlogin.core.ticket.TicketState;

/**
 * Signs the session token of a redeemed ticket: ES256 with the current signing key, in the shape of
 * an OpenID Connect ID token (the {@code aud} is the registered audience of the client the browser
 * signed in to). Pure CPU work, well under a millisecond: safe on an event loop.
 */
public final class SessionTokenIssuer {

    /**
     * How far past its {@code exp} a session token is still accepted, for instances whose clocks
     * disagree a little. Revocations last as long.
     */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private final SigningKeys keys;

    private final ClientRegistry clients;

    private final JWSSigner signer;

    private final String issuer;

    private final Duration lifetime;

    private final RandomIds ids;

    private final Clock clock;

    public SessionTokenIssuer(SigningKeys keys, ClientRegistry clients, String issuer, Duration lifetime, RandomIds ids,
            SecureRandom random, Clock clock) {
        this.keys = keys;
        this.clients = clients;
        this.signer = keys.signer(random);
        this.issuer = issuer;
        this.lifetime = lifetime;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * The token for the user who confirmed {@code ticket}, which this call's redeem just moved to
     * {@code REDEEMED}; {@code unknown_client} when its client is no longer registered (a token for an
     * audience nobody configured is not issued).
     */
    public SessionToken issue(Ticket ticket) {
        AppUser user = ticket.scannedBy();
        if (ticket.state() != TicketState.REDEEMED || user == null) {
            throw new IllegalStateException("Only a redeemed ticket that a user confirmed yields a session token");
        }
        Client client = this.clients.require(ticket.clientId());
        String audience = client.audience();
        Instant issuedAt = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
        // A token never outlives its session's absolute limit.
        Duration maxLifetime = client.sessionLifetimes().maxLifetime();
        Instant expiresAt = issuedAt.plus((this.lifetime.compareTo(maxLifetime) < 0) ? this.lifetime : maxLifetime);
        String tokenId = this.ids.next();
        String sessionId = this.ids.next();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(this.issuer)
            .subject(user.subject())
            .claim(SessionClaims.NAME, user.name())
            .audience(audience)
            .issueTime(Date.from(issuedAt))
            .expirationTime(Date.from(expiresAt))
            .jwtID(tokenId)
            .claim(SessionClaims.SID, sessionId)
            .claim(SessionClaims.AMR, List.of(SessionClaims.AMR_QR))
            // A redeemed ticket that required number matching was confirmed with the right code: a wrong or
            // missing one cancels it.
            .claim(SessionClaims.ACR, ticket.numberMatching() ? SessionClaims.ACR_QR_NUMBER_MATCHING
                    : SessionClaims.ACR_QR)
            .claim(SessionClaims.AUTH_TIME, authenticatedAt(ticket).getEpochSecond())
            .build();
        return new SessionToken(sign(claims), sessionId, tokenId, user.subject(), user.name(), ticket.clientId(),
                issuedAt, expiresAt,
                (ticket.kind() == TicketKind.DEVICE) ? SessionToken.METHOD_DEVICE : SessionToken.METHOD_QR);
    }

    /**
     * The moment the user confirmed. A ticket confirmed before the confirm time was recorded has only
     * its last change: later than the real moment, so a relying party's {@code max_age} check errs on
     * the safe side.
     */
    static Instant authenticatedAt(Ticket ticket) {
        return (ticket.confirmedAt() != null) ? ticket.confirmedAt() : ticket.updatedAt();
    }

    private String sign(JWTClaimsSet claims) {
        return Es256Jwt.sign(this.signer, this.keys.keyId(), claims);
    }
}
