package io.qrlogin.qr.mint;

import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.core.problem.QrLoginException;
import io.qrlogin.qrimage.ImageFormat;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MintRequestTest {

    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    @Test
    void validateWhenOnlyRequiredFieldsThenDefaults() {
        MintRequest.Valid valid = new MintRequest(CHALLENGE, "S256", null, null).validate();
        assertThat(valid.clientId()).isEqualTo("web");
        assertThat(valid.imageFormat()).isEqualTo(ImageFormat.PNG);
        assertThat(valid.codeChallenge()).isEqualTo(CHALLENGE);
    }

    @Test
    void validateWhenSvgAndClientThenKept() {
        MintRequest.Valid valid = new MintRequest(CHALLENGE, "S256", "intranet.portal", "SVG").validate();
        assertThat(valid.clientId()).isEqualTo("intranet.portal");
        assertThat(valid.imageFormat()).isEqualTo(ImageFormat.SVG);
    }

    @Test
    void validateWhenChallengeMissingOrMalformedThenInvalidRequest() {
        assertInvalid(new MintRequest(null, "S256", null, null), "codeChallenge");
        assertInvalid(new MintRequest(CHALLENGE.substring(1), "S256", null, null), "codeChallenge");
        assertInvalid(new MintRequest(CHALLENGE + "=", "S256", null, null), "codeChallenge");
        assertInvalid(new MintRequest(CHALLENGE.replace('-', '/'), "S256", null, null), "codeChallenge");
    }

    @Test
    void validateWhenMethodIsNotS256ThenInvalidRequest() {
        assertInvalid(new MintRequest(CHALLENGE, "plain", null, null), "S256");
        assertInvalid(new MintRequest(CHALLENGE, null, null, null), "S256");
        assertInvalid(new MintRequest(CHALLENGE, "s256", null, null), "S256");
    }

    @Test
    void validateWhenClientIdOrFormatMalformedThenInvalidRequest() {
        assertInvalid(new MintRequest(CHALLENGE, "S256", "", null), "clientId");
        assertInvalid(new MintRequest(CHALLENGE, "S256", "a b", null), "clientId");
        assertInvalid(new MintRequest(CHALLENGE, "S256", "x".repeat(65), null), "clientId");
        assertInvalid(new MintRequest(CHALLENGE, "S256", null, "gif"), "imageFormat");
    }

    private static void assertInvalid(MintRequest request, String mentioned) {
        assertThatExceptionOfType(QrLoginException.class).isThrownBy(request::validate)
            .satisfies((ex) -> assertThat(ex.code()).isEqualTo(ProblemCode.INVALID_REQUEST))
            .withMessageContaining(mentioned);
    }
}
