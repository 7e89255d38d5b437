package io.qrlogin.bench.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTest {

    @Test
    void readsAStringMemberWhereverItIs() {
        String push = "{\"type\":\"state\",\"qrId\":\"abc-_1\",\"state\":\"SCANNED\",\"scannedBy\":{\"name\":\"Alice\"}}";

        assertThat(Json.string(push, "state")).isEqualTo("SCANNED");
        assertThat(Json.string(push, "qrId")).isEqualTo("abc-_1");
        assertThat(Json.string("{\"code\" : \"qr_expired\"}", "code")).isEqualTo("qr_expired");
        assertThat(Json.string(push, "accessToken")).isNull();
        assertThat(Json.string("{\"type\":\"error\",\"code\":\"invalid_verifier\"}", "error")).isNull();
    }
}
