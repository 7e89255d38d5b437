package io.qrlogin.oidc.device;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceCodeAuthenticationToken;

/**
 * A device's poll of the token endpoint (RFC 8628 §3.4, §3.5) on the ticket engine. While the user has
 * not decided, each poll (no sooner than the interval, else {@code slow_down}) asks session-service to
 * redeem the device's ticket with the device code as its verifier:
 * <ul>
 * <li>redeemed: the phone confirmed; the session token names the user, who is approved, and Spring
 * Authorization Server issues the tokens (plus an ID token, {@link DeviceIdTokens}, for {@code openid});</li>
 * <li>not scanned or not confirmed yet: {@code authorization_pending};</li>
 * <li>cancelled on the phone: denied, {@code access_denied};</li>
 * <li>expired: {@code expired_token}, from then on.</li>
 * </ul>
 * Approval and denial are what Spring Authorization Server's own verification and consent do to the
 * authorization, so its device code provider answers every later poll as it would.
 */
public final class QrDeviceCodeAuthenticationProvider implements AuthenticationProvider {

    private static final String DEVICE_ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc8628#section-3.5";

    /** Set on an authorization whose ticket expired: every later poll gets {@code expired_token}. */
    static final String EXPIRED = "qrlogin.device.expired";

    private static final OAuth2TokenType DEVICE_CODE = new OAuth2TokenType(OAuth2ParameterNames.DEVICE_CODE);

    private final AuthenticationProvider delegate;

    private final OAuth2AuthorizationService authorizations;

    private final PollPacing pacing;

    private final DeviceDecisions decisions;

    public QrDeviceCodeAuthenticationProvider(AuthenticationProvider delegate, OAuth2AuthorizationService authorizations,
            PollPacing pacing, DeviceDecisions decisions) {
        this.delegate = delegate;
        this.authorizations = authorizations;
        this.pacing = pacing;
        this.decisions = decisions;
    }

    @Override
    public @Nullable Authentication authenticate(Authentication authentication) throws AuthenticationException {
        OAuth2DeviceCodeAuthenticationToken poll = (OAuth2DeviceCodeAuthenticationToken) authentication;
        OAuth2Authorization authorization = this.authorizations.findByToken(poll.getDeviceCode(), DEVICE_CODE);
        if (authorization != null && ofPollingClient(authorization, poll)) {
            if (Boolean.TRUE.equals(authorization.getAttribute(EXPIRED))) {
                throw deviceError("expired_token");
            }
            String qrId = authorization.getAttribute(DeviceTickets.QR_ID);
            if (qrId != null && undecided(authorization)) {
                settle(authorization, qrId, poll.getDeviceCode());
            }
        }
        return this.delegate.authenticate(authentication);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return this.delegate.supports(authentication);
    }

    /** Paces the poll, then asks for the ticket and records the user's decision, if there is one yet. */
    private void settle(OAuth2Authorization authorization, String qrId, String deviceCode) {
        OAuth2Authorization.Token<OAuth2DeviceCode> code = authorization.getToken(OAuth2DeviceCode.class);
        Instant expiresAt = (code != null) ? code.getToken().getExpiresAt() : null;
        Duration remaining = (expiresAt != null) ? Duration.between(Instant.now(), expiresAt) : this.pacing.interval();
        if (!this.pacing.inTime(deviceCode, remaining)) {
            throw deviceError("slow_down");
        }
        this.decisions.settle(authorization, qrId, deviceCode);
    }

    private static boolean ofPollingClient(OAuth2Authorization authorization, OAuth2DeviceCodeAuthenticationToken poll) {
        return poll.getPrincipal() instanceof OAuth2ClientAuthenticationToken client
                && client.getRegisteredClient() != null
                && client.getRegisteredClient().getId().equals(authorization.getRegisteredClientId());
    }

    /** Neither approved nor denied yet, and the device code still valid (else the delegate answers). */
    private static boolean undecided(OAuth2Authorization authorization) {
        OAuth2Authorization.Token<OAuth2DeviceCode> deviceCode = authorization.getToken(OAuth2DeviceCode.class);
        OAuth2Authorization.Token<OAuth2UserCode> userCode = authorization.getToken(OAuth2UserCode.class);
        return deviceCode != null && userCode != null && deviceCode.isActive() && !userCode.isInvalidated();
    }

    static OAuth2AuthenticationException deviceError(String code) {
        return new OAuth2AuthenticationException(new OAuth2Error(code, null, DEVICE_ERROR_URI));
    }
}
