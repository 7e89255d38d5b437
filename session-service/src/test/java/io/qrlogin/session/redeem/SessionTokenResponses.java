package io.qrlogin.session.redeem;

import java.util.Map;

import io.qrlogin.core.ticket.AppUser;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The answer to a successful redeem, checked the same way by the slice test and the integration test. */
public final class SessionTokenResponses {

    private SessionTokenResponses() {
    }

    /**
     * Asserts that {@code response} is {@code user}'s session token, as JSON and never cached (RFC 6749 §5.1),
     * with a one-hour lifetime and nothing else in it.
     *
     * @return the body, for checks of the token itself
     */
    public static Map<String, Object> sessionTokenOf(AppUser user, WebTestClient.ResponseSpec response) {
        Map<String, Object> body = response.expectStatus().isOk()
            .expectHeader().contentType(MediaType.APPLICATION_JSON)
            .expectHeader().cacheControl(CacheControl.noStore())
            .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
            })
            .returnResult().getResponseBody();
        assertThat(body).containsOnlyKeys("accessToken", "tokenType", "expiresIn", "sessionId", "user")
            .containsEntry("tokenType", "Bearer")
            .containsEntry("expiresIn", 3600)
            .containsEntry("user", Map.of("sub", user.subject(), "name", user.name()));
        return body;
    }
}
