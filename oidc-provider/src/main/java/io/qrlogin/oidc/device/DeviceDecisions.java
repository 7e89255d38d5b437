package io.qrlogin.oidc.device;

import java.security.Principal;
import java.util.LinkedHashSet;
import java.util.Set;

import io.qrlogin.core.client.Client;
import io.qrlogin.core.client.ClientRegistry;
import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.core.ticket.QrIds;
import io.qrlogin.oidc.device.SessionRedeemer.Redemption;
import io.qrlogin.oidc.login.Handoff;
import io.qrlogin.oidc.login.QrAuthentication;
import io.qrlogin.oidc.login.SessionTokenVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;

import static io.qrlogin.oidc.device.QrDeviceCodeAuthenticationProvider.EXPIRED;
import static io.qrlogin.oidc.device.QrDeviceCodeAuthenticationProvider.deviceError;

/**
 * What the user decided on the phone about a device's ticket, as session-service's redeem tells it,
 * recorded on the device's authorization the way Spring Authorization Server's own device verification
 * (approval) and consent (denial) would, so that its device code provider answers the poll.
 */
final class DeviceDecisions {

    private static final Logger logger = LoggerFactory.getLogger(DeviceDecisions.class);

    private final OAuth2AuthorizationService authorizations;

    private final SessionRedeemer redeemer;

    private final SessionTokenVerifier sessionTokens;

    private final ClientRegistry clients;

    DeviceDecisions(OAuth2AuthorizationService authorizations, SessionRedeemer redeemer,
            SessionTokenVerifier sessionTokens, ClientRegistry clients) {
        this.authorizations = authorizations;
        this.redeemer = redeemer;
        this.sessionTokens = sessionTokens;
        this.clients = clients;
    }

    /** Asks session-service for the ticket and records the user's decision, if there is one yet. */
    void settle(OAuth2Authorization authorization, String qrId, String deviceCode) {
        Redemption redemption = this.redeemer.redeem(qrId, deviceCode);
        if (redemption instanceof Redemption.Redeemed redeemed) {
            approve(authorization, redeemed.sessionToken(), qrId);
        }
        else if (redemption instanceof Redemption.Refused refused) {
            refused(authorization, refused.code(), qrId);
        }
        // Unavailable: nothing is known of the ticket, so the poll is pending and the device tries again.
    }

    private void approve(OAuth2Authorization authorization, String sessionToken, String qrId) {
        String audience = this.clients.find(authorization.getRegisteredClientId()).map(Client::audience)
            .orElse(authorization.getRegisteredClientId());
        Handoff handoff = this.sessionTokens.verify(sessionToken, audience);
        if (!(handoff instanceof Handoff.Accepted accepted)) {
            // The ticket is spent, so the device can never succeed: end it rather than leave it pending.
            logger.warn("Session token for the device ticket {} refused: {}", QrIds.fingerprint(qrId),
                    ((Handoff.Refused) handoff).reason());
            deny(authorization);
            throw new OAuth2AuthenticationException(OAuth2ErrorCodes.SERVER_ERROR);
        }
        QrAuthentication user = accepted.user();
        Set<String> requested = authorization.getAttribute(OAuth2ParameterNames.SCOPE);
        OAuth2Authorization.Token<OAuth2UserCode> userCode = authorization.getToken(OAuth2UserCode.class);
        // As Spring Authorization Server's device verification approves (no consent: first-party clients).
        OAuth2Authorization.Builder approved = OAuth2Authorization.from(authorization)
            .principalName(user.getName())
            .authorizedScopes((requested != null) ? new LinkedHashSet<>(requested) : Set.of())
            .attribute(Principal.class.getName(), user)
            .attributes((attributes) -> attributes.remove(OAuth2ParameterNames.SCOPE));
        if (userCode != null) {
            approved.invalidate(userCode.getToken());
        }
        this.authorizations.save(approved.build());
        logger.debug("Device ticket {} confirmed", QrIds.fingerprint(qrId));
    }

    private void refused(OAuth2Authorization authorization, String code, String qrId) {
        switch (reason(code)) {
            case QR_EXPIRED, QR_NOT_FOUND -> {
                this.authorizations.save(OAuth2Authorization.from(authorization).attribute(EXPIRED, true).build());
                throw deviceError("expired_token");
            }
            case QR_CANCELLED, QR_ALREADY_REDEEMED, INVALID_VERIFIER, INVALID_REQUEST -> {
                // Cancelled on the phone, or a ticket this device can never redeem: access_denied.
                logger.debug("Device ticket {} ended: {}", QrIds.fingerprint(qrId), code);
                deny(authorization);
            }
            default -> {
                // Not scanned or not confirmed yet, or session-service cannot tell right now (rate limited,
                // unavailable): the delegate answers authorization_pending and the device polls again.
            }
        }
    }

    private static ProblemCode reason(String code) {
        try {
            return ProblemCode.fromCode(code);
        }
        catch (IllegalArgumentException ex) {
            return ProblemCode.UNAVAILABLE;
        }
    }

    /** As Spring Authorization Server's consent denies: both codes invalidated. */
    private void deny(OAuth2Authorization authorization) {
        OAuth2Authorization.Builder denied = OAuth2Authorization.from(authorization);
        OAuth2Authorization.Token<OAuth2UserCode> userCode = authorization.getToken(OAuth2UserCode.class);
        OAuth2Authorization.Token<OAuth2DeviceCode> deviceCode = authorization.getToken(OAuth2DeviceCode.class);
        if (userCode != null) {
            denied.invalidate(userCode.getToken());
        }
        if (deviceCode != null) {
            denied.invalidate(deviceCode.getToken());
        }
        this.authorizations.save(denied.build());
    }
}
