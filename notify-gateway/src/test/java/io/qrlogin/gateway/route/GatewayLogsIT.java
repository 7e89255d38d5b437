package io.qrlogin.gateway.route;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's JSON log lines (as the Kubernetes manifests run it) hold no QR id, even with the
 * framework's request logging at debug level, which prints every request's path
 * ({@code HTTP POST "/api/scan/…"}, the URL a route matched, the URL proxied to).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "logging.structured.format.console=ecs",
        "logging.level.org.springframework.web.server.adapter.HttpWebHandlerAdapter=debug",
        "logging.level.org.springframework.cloud.gateway.handler=debug",
        "logging.level.reactor.netty.http.client.HttpClientConnect=debug" })
@AutoConfigureWebTestClient(timeout = "30s")
@ExtendWith(OutputCaptureExtension.class)
class GatewayLogsIT extends StubbedGateway {

    private static final String QR_ID = "3q2-7wEjRWeJq83vASNFZ4mrze8BI0Vn";

    @Test
    void pathsWithAQrIdAreLoggedWithTheIdTakenOut(CapturedOutput output) {
        this.client.post().uri("/api/scan/" + QR_ID).exchange().expectStatus().isOk();
        this.client.post().uri("/api/scan/" + QR_ID + "/confirm").exchange().expectStatus().isOk();
        this.client.get().uri("/q/" + QR_ID).exchange().expectStatus().isOk();

        assertThat(output.getOut()).contains("/api/scan/{qrId}", "/q/{qrId}").doesNotContain(QR_ID);
    }
}
