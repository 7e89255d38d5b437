package io.qrlogin.support.observability;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class QrIdRedactionTest {

    private static final String ID = "3q2-7wEjRWeJq83vASNFZ4mrze8BI0Vn";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = { "/q/" + ID + " | /q/{qrId}", "/api/scan/" + ID + " | /api/scan/{qrId}",
            "/api/scan/" + ID + "/confirm | /api/scan/{qrId}/confirm",
            "http://localhost:8082/api/scan/" + ID + "?x=1 | http://localhost:8082/api/scan/{qrId}?x=1",
            "/api/scan/user-code | /api/scan/user-code", "/api/scan/{qrId} | /api/scan/{qrId}",
            "/q/" + ID + "x | /q/" + ID + "x", "POST | POST",
            "HTTP POST \"/api/scan/" + ID + "\" | HTTP POST \"/api/scan/{qrId}\"",
            "Mapping [Exchange: GET http://edge/q/" + ID + "] to Route | Mapping [Exchange: GET http://edge/q/{qrId}] to Route" })
    void aPathSegmentShapedLikeAQrIdIsReplaced(String text, String redacted) {
        assertThat(QrIdRedaction.redact(text)).isEqualTo(redacted);
    }

    @Test
    void everyKeyValueAndTheContextualNameAreRedacted() {
        Observation.Context context = new Observation.Context();
        context.addLowCardinalityKeyValue(KeyValue.of("uri", "/api/scan/{qrId}"));
        context.addLowCardinalityKeyValue(KeyValue.of("method", "POST"));
        context.addHighCardinalityKeyValue(KeyValue.of("http.url", "/api/scan/" + ID + "/confirm"));
        context.addHighCardinalityKeyValue(KeyValue.of("http.uri", "http://scan:8082/q/" + ID));
        context.setContextualName("http post /q/" + ID);

        new QrIdRedaction().map(context);

        assertThat(context.getLowCardinalityKeyValue("uri").getValue()).isEqualTo("/api/scan/{qrId}");
        assertThat(context.getLowCardinalityKeyValue("method").getValue()).isEqualTo("POST");
        assertThat(context.getHighCardinalityKeyValue("http.url").getValue()).isEqualTo("/api/scan/{qrId}/confirm");
        assertThat(context.getHighCardinalityKeyValue("http.uri").getValue()).isEqualTo("http://scan:8082/q/{qrId}");
        assertThat(context.getContextualName()).isEqualTo("http post /q/{qrId}");
    }
}
