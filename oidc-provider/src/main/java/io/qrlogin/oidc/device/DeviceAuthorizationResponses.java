package io.qrlogin.oidc.device;

import java.io.IOException;

import io.qrlogin.oidc.login.LoginPaths;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.core.endpoint.OAuth2DeviceAuthorizationResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.http.converter.OAuth2DeviceAuthorizationResponseHttpMessageConverter;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceAuthorizationRequestAuthenticationToken;

/**
 * The device authorization response (RFC 8628 §3.2) of this provider: {@code verification_uri_complete}
 * is the device's ticket as a QR link ({@code {public-base-url}/q/{qrId}}, what the device shows as a QR
 * code for the phone to scan), {@code verification_uri} the page that tells a user without the QR code
 * to type the user code into the phone app, and {@code interval} how long the device waits between polls.
 * Spring Authorization Server's own response has no interval and links its own verification page.
 */
public final class DeviceAuthorizationResponses {

    /** Where {@code verification_uri} points, under the public base URL: served by the login pages. */
    public static final String VERIFICATION_PATH = LoginPaths.DEVICE;

    private final HttpMessageConverter<OAuth2DeviceAuthorizationResponse> converter = new OAuth2DeviceAuthorizationResponseHttpMessageConverter();

    private final OAuth2AuthorizationService authorizations;

    private final String publicBaseUrl;

    private final PollPacing pacing;

    /** @param publicBaseUrl the gateway's public URL, without a trailing slash */
    public DeviceAuthorizationResponses(OAuth2AuthorizationService authorizations, String publicBaseUrl,
            PollPacing pacing) {
        this.authorizations = authorizations;
        this.publicBaseUrl = publicBaseUrl;
        this.pacing = pacing;
    }

    /** The success handler of the device authorization endpoint. */
    public void success(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        OAuth2DeviceAuthorizationRequestAuthenticationToken issued = (OAuth2DeviceAuthorizationRequestAuthenticationToken) authentication;
        OAuth2DeviceCode deviceCode = issued.getDeviceCode();
        OAuth2UserCode userCode = issued.getUserCode();
        OAuth2Authorization authorization = (deviceCode != null) ? this.authorizations
            .findByToken(deviceCode.getTokenValue(), new OAuth2TokenType(OAuth2ParameterNames.DEVICE_CODE)) : null;
        String qrId = (authorization != null) ? authorization.getAttribute(DeviceTickets.QR_ID) : null;
        if (deviceCode == null || userCode == null || qrId == null) {
            throw new OAuth2AuthenticationException(OAuth2ErrorCodes.SERVER_ERROR);
        }
        OAuth2DeviceAuthorizationResponse answer = OAuth2DeviceAuthorizationResponse.with(deviceCode, userCode)
            .verificationUri(this.publicBaseUrl + VERIFICATION_PATH)
            .verificationUriComplete(this.publicBaseUrl + "/q/" + qrId)
            .interval(this.pacing.interval().toSeconds())
            .build();
        // The device code is a credential: no cache keeps it (RFC 6749 §5.1 by analogy).
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        this.converter.write(answer, null, new ServletServerHttpResponse(response));
    }
}
