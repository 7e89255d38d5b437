package io.qrlogin.oidc.device;

import java.net.URI;
import java.util.Map;

import io.qrlogin.oidc.sessionservice.SessionServiceHttp;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Redeems a device's confirmed ticket at session-service ({@code POST /api/session/redeem}), with the
 * device code as the verifier, exactly as a browser redeems its own: session-service stays the one
 * place that opens sessions (the user's session list, logout and revocation know the device's session
 * like any other). Called on the token endpoint's servlet thread, which may block.
 */
public final class SessionRedeemer {

    private static final Logger logger = LoggerFactory.getLogger(SessionRedeemer.class);

    private final RestClient http;

    private final JsonMapper json = JsonMapper.builder().build();

    /** @param sessionService session-service's base URL (inside the cluster, not through the gateway) */
    public SessionRedeemer(URI sessionService) {
        this.http = SessionServiceHttp.restClient(sessionService);
    }

    /** What session-service answered for the ticket {@code qrId} and the verifier {@code deviceCode}. */
    public Redemption redeem(String qrId, String deviceCode) {
        try {
            return this.http.post()
                .uri("/api/session/redeem")
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
                .body(this.json.writeValueAsString(Map.of("qrId", qrId, "codeVerifier", deviceCode)))
                .exchange((request, response) -> {
                    JsonNode body = this.json.readTree(response.getBody());
                    if (response.getStatusCode().value() == 200) {
                        String token = text(body, "accessToken");
                        return (token != null) ? new Redemption.Redeemed(token) : new Redemption.Unavailable();
                    }
                    String code = text(body, "code");
                    return (code != null) ? new Redemption.Refused(code) : new Redemption.Unavailable();
                });
        }
        catch (RuntimeException ex) {
            logger.warn("Could not redeem a device's ticket at session-service: {}", ex.toString());
            return new Redemption.Unavailable();
        }
    }

    private static @Nullable String text(@Nullable JsonNode body, String field) {
        JsonNode value = (body != null) ? body.get(field) : null;
        return (value != null && value.isString()) ? value.asString() : null;
    }

    /** What session-service answered. */
    public sealed interface Redemption {

        /** The ticket was confirmed and is now redeemed: the user's new session token. */
        record Redeemed(String sessionToken) implements Redemption {

            // A bearer credential: never printed.
            @Override
            public String toString() {
                return "Redeemed[<token>]";
            }
        }

        /** Refused, with the problem's {@code code} ({@code qr_not_confirmed}, {@code qr_cancelled}, …). */
        record Refused(String code) implements Redemption {
        }

        /** No answer that says anything about the ticket: session-service is down or answered nonsense. */
        record Unavailable() implements Redemption {
        }
    }
}
