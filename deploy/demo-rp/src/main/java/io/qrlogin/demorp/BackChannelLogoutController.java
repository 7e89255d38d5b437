package io.qrlogin.demorp;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * OpenID Connect Back-Channel Logout 1.0: QR Login posts a logout token here when a session this app
 * signed in with ends anywhere (the user signed out from the phone, at another app, or was signed out
 * everywhere), and this app ends its own sessions of that {@code sid}. Registered at QR Login as the
 * client's {@code backchannel-logout-uri}; the path is the one Spring Security's own support uses.
 * <p>
 * Spring Security has back-channel logout built in ({@code oidcLogout().backChannel()}), but in 7.1 it
 * accepts only RS256 logout tokens and offers no way to change that (spring-security#15273), while QR Login
 * signs with ES256: until it does, these few lines stand in, with Spring Security's JWT decoder.
 */
@RestController
class BackChannelLogoutController {

    static final String PATH = "/logout/connect/back-channel/qrlogin";

    private static final Logger logger = LoggerFactory.getLogger(BackChannelLogoutController.class);

    private final LogoutTokenDecoder tokens;

    private final SignedInSessions sessions;

    BackChannelLogoutController(LogoutTokenDecoder tokens, SignedInSessions sessions) {
        this.tokens = tokens;
        this.sessions = sessions;
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<Map<String, String>> logout(@RequestParam(name = "logout_token", required = false) String token) {
        if (token == null || token.isBlank()) {
            return refused("logout_token is missing");
        }
        Jwt logout;
        try {
            logout = this.tokens.decode(token);
        }
        catch (JwtException ex) {
            logger.info("Refused a logout token: {}", ex.getMessage());
            return refused("The logout token is not valid");
        }
        int ended = this.sessions.end(logout.getClaimAsString("sid"));
        logger.info("Back-channel logout ended {} session(s)", ended);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).build();
    }

    private static ResponseEntity<Map<String, String>> refused(String description) {
        return ResponseEntity.badRequest()
            .cacheControl(CacheControl.noStore())
            .body(Map.of("error", "invalid_request", "error_description", description));
    }
}
