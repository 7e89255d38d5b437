package io.qrlogin.oidc.login;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.savedrequest.DefaultSavedRequest;

import static org.assertj.core.api.Assertions.assertThat;

class PendingAuthorizationTest {

    @Test
    void savedAuthorizationRequestNamesItsClient() {
        assertThat(PendingAuthorization.of(saved("GET", "/oauth2/authorize", "client_id=rp&response_type=code")))
            .hasValueSatisfying((pending) -> assertThat(pending.clientId()).isEqualTo("rp"));
    }

    @Test
    void anythingElseSavedIsNoPendingAuthorization() {
        assertThat(PendingAuthorization.of(null)).isEmpty();
        assertThat(PendingAuthorization.of(saved("GET", "/oauth2/device_verification", "user_code=ABCD"))).isEmpty();
        assertThat(PendingAuthorization.of(saved("POST", "/oauth2/authorize", "client_id=rp"))).isEmpty();
        assertThat(PendingAuthorization.of(saved("GET", "/oauth2/authorize", "client_id=rp&client_id=spa"))).isEmpty();
        assertThat(PendingAuthorization.of(saved("GET", "/oauth2/authorize", "response_type=code"))).isEmpty();
    }

    @Test
    void continueUrlDropsWhatAskedForTheLoginAndKeepsTheRest() {
        PendingAuthorization pending = new PendingAuthorization("rp", "https://login.example.test/oauth2/authorize"
                + "?client_id=rp&state=a%20b%26c&prompt=login%20consent&max_age=0&redirect_uri=https%3A%2F%2Frp%2Fcb&continue");

        assertThat(pending.continueUrl()).isEqualTo("https://login.example.test/oauth2/authorize"
                + "?client_id=rp&state=a%20b%26c&redirect_uri=https%3A%2F%2Frp%2Fcb&prompt=consent");
    }

    @Test
    void continueUrlWithoutPromptValuesLeftHasNoPrompt() {
        PendingAuthorization pending = new PendingAuthorization("rp",
                "https://login.example.test/oauth2/authorize?client_id=rp&prompt=login&nonce=n");

        assertThat(pending.continueUrl()).isEqualTo("https://login.example.test/oauth2/authorize?client_id=rp&nonce=n");
    }

    private static DefaultSavedRequest saved(String method, String path, String query) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setQueryString(query);
        for (String pair : query.split("&")) {
            String[] nameValue = pair.split("=", 2);
            request.addParameter(nameValue[0], (nameValue.length > 1) ? nameValue[1] : "");
        }
        return new DefaultSavedRequest(request);
    }
}
