package io.qrlogin.session.token;

import java.util.List;

import org.springframework.security.oauth2.jwt.JwtClaimNames;

/**
 * The claims of a session token beyond the registered ones (RFC 7519 §4.1), named as OpenID Connect
 * names them.
 *
 * @see <a href="https://openid.net/specs/openid-connect-core-1_0.html#IDToken">OpenID Connect Core §2</a>
 */
public final class SessionClaims {

    /** The user's display name. */
    public static final String NAME = "name";

    /** The session the token belongs to; logout ends it (OpenID Connect Front-Channel Logout §3). */
    public static final String SID = "sid";

    /** How the user authenticated (RFC 8176). */
    public static final String AMR = "amr";

    /** When the user authenticated: the moment they confirmed on the phone, in epoch seconds. */
    public static final String AUTH_TIME = "auth_time";

    /** How strong the authentication was (OpenID Connect Core §2): here, whether number matching was used. */
    public static final String ACR = "acr";

    /** The {@code amr} value of a QR login: a signed-in phone confirmed it. */
    public static final String AMR_QR = "qr";

    /** The {@code acr} of a QR login the phone confirmed without number matching. */
    public static final String ACR_QR = "urn:qrlogin:acr:qr";

    /**
     * The {@code acr} of a QR login confirmed with number matching: the user typed the code the browser showed,
     * so the person at the phone was looking at that browser's screen (or at a relay's copy of it: number
     * matching makes a relay visible and costly, it does not stop it).
     */
    public static final String ACR_QR_NUMBER_MATCHING = "urn:qrlogin:acr:qr:number-matching";

    /** Every claim a session token carries, as the discovery document lists them. */
    public static final List<String> ALL = List.of(JwtClaimNames.ISS, JwtClaimNames.SUB, NAME, JwtClaimNames.AUD,
            JwtClaimNames.IAT, JwtClaimNames.EXP, JwtClaimNames.JTI, SID, AMR, ACR, AUTH_TIME);

    private SessionClaims() {
    }
}
