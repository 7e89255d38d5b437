package io.qrlogin.oidc.sessionservice;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * How the provider calls session-service (inside the cluster, not through the gateway): short connect
 * and answer timeouts, since each call holds a request thread of the provider's.
 */
public final class SessionServiceHttp {

    private SessionServiceHttp() {
    }

    /** A client of session-service at {@code baseUrl}. */
    public static RestClient restClient(URI baseUrl) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
        requests.setReadTimeout(Duration.ofSeconds(5));
        return RestClient.builder().baseUrl(baseUrl.toString()).requestFactory(requests).build();
    }
}
