package io.qrlogin.bench.load;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class OidcLoginTest {

    @Test
    void csrfFieldIsTheHiddenInputThatIsNotTheSessionToken() {
        String page = """
                <form id="handoff" method="post" action="/login/qr" hidden>
                    <input type="hidden" name="_csrf" value="a+b/c=">
                    <input type="hidden" name="session_token" value="">
                  </form>""";

        assertThat(OidcLogin.csrfField(page)).isEqualTo("_csrf=a%2Bb%2Fc%3D");
    }

    @Test
    void aPageWithoutTheFormIsAFailedFlow() {
        assertThatExceptionOfType(FlowFailure.class).isThrownBy(() -> OidcLogin.csrfField("<p>No sign-in in progress</p>"))
            .withMessageContaining("no CSRF field");
    }

    @Test
    void queryFindsAParameterDecoded() {
        String callback = "http://127.0.0.1:49152/callback?code=a%2Db_c&state=bench&iss=http%3A%2F%2Flocalhost%3A8080";

        assertThat(OidcLogin.query(callback, "code")).isEqualTo("a-b_c");
        assertThat(OidcLogin.query(callback, "iss")).isEqualTo("http://localhost:8080");
        assertThat(OidcLogin.query(callback, "error")).isNull();
        assertThat(OidcLogin.query("http://127.0.0.1/callback", "code")).isNull();
    }

    @Test
    void cookiesAreKeptByNameTheLatestWinning() {
        assertThat(OidcLogin.cookieHeader(List.of("SESSION=one; Path=/; HttpOnly; SameSite=Lax", "XSRF=x; Path=/",
                "SESSION=two; Path=/; HttpOnly"))).isEqualTo("SESSION=two; XSRF=x");
    }
}
