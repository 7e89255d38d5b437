package io.qrlogin.qr.mint;

import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The mint requests the controller's slice test and the service's integration test both send: as the
 * gateway forwards a browser's (client address in the edge header, a Safari User-Agent), as a browser on
 * another site (an {@code Origin}), and as raw JSON.
 */
final class MintCalls {

    static final String EDGE_HEADER = "X-QrLogin-Client-Ip";

    static final String CLIENT_IP = "198.51.100.23";

    static final String USER_AGENT = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Safari/605.1.15";

    private final WebTestClient client;

    MintCalls(WebTestClient client) {
        this.client = client;
    }

    /** A mint from a browser behind the gateway. */
    WebTestClient.ResponseSpec mint(Map<String, Object> request) {
        return this.client.post().uri("/api/qr")
            .contentType(MediaType.APPLICATION_JSON)
            .header(EDGE_HEADER, CLIENT_IP)
            .header("User-Agent", USER_AGENT)
            .bodyValue(request)
            .exchange();
    }

    /** A mint from a page on {@code origin}. */
    WebTestClient.ResponseSpec mint(Map<String, Object> request, String origin) {
        return this.client.post().uri("/api/qr")
            .contentType(MediaType.APPLICATION_JSON)
            .header("Origin", origin)
            .bodyValue(request)
            .exchange();
    }

    /** A mint whose body is {@code json} as written. */
    WebTestClient.ResponseSpec mintRaw(String json) {
        return this.client.post().uri("/api/qr").contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }
}
