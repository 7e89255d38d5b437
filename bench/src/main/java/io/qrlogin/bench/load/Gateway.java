package io.qrlogin.bench.load;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The gateway as browsers and phones see it, over reactor-netty: pooled keep-alive HTTP/1.1 for
 * calls, one fresh connection per WebSocket (as a browser opens one per page).
 */
final class Gateway {

    private final URI url;

    private final String origin;

    private final HttpClient http;

    private final HttpClient sockets;

    private final Duration timeout;

    private final Map<String, HttpClient> apps = new ConcurrentHashMap<>();

    private Gateway(URI url, HttpClient http, HttpClient sockets, Duration timeout) {
        this.url = url;
        this.origin = url.getScheme() + "://" + url.getAuthority();
        this.http = http;
        this.sockets = sockets;
        this.timeout = timeout;
    }

    /**
     * A gateway client with at most {@code connections} pooled HTTP connections, from
     * {@code sourceAddress} (null: the system's choice).
     */
    static Gateway connect(URI url, int connections, Duration timeout, @Nullable String sourceAddress) {
        String origin = url.getScheme() + "://" + url.getAuthority();
        ConnectionProvider pool = ConnectionProvider.builder("bench-" + (sourceAddress != null ? sourceAddress : "default"))
            .maxConnections(connections)
            .pendingAcquireMaxCount(-1)
            .pendingAcquireTimeout(timeout)
            .build();
        HttpClient http = HttpClient.create(pool)
            .baseUrl(origin)
            .headers((headers) -> headers.set(HttpHeaderNames.ORIGIN, origin)
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .set(HttpHeaderNames.USER_AGENT, "qrlogin-bench"));
        HttpClient sockets = HttpClient.newConnection()
            .baseUrl(origin.replaceFirst("^http", "ws"))
            .headers((headers) -> headers.set(HttpHeaderNames.ORIGIN, origin)
                .set(HttpHeaderNames.USER_AGENT, "qrlogin-bench"));
        if (sourceAddress != null) {
            http = http.bindAddress(() -> new InetSocketAddress(sourceAddress, 0));
            sockets = sockets.bindAddress(() -> new InetSocketAddress(sourceAddress, 0));
        }
        return new Gateway(url, http, sockets, timeout);
    }

    URI url() {
        return this.url;
    }

    HttpClient sockets() {
        return this.sockets;
    }

    /** POST {@code body} to {@code path}; a non-{@code expected} status fails with the problem's code. */
    Mono<String> post(String step, String path, @Nullable String body, int expected) {
        return post(this.http, step, path, body, expected);
    }

    /** The same as the app user whose bearer token is {@code token}. */
    Mono<String> postAsApp(String token, String step, String path, int expected) {
        HttpClient app = this.apps.computeIfAbsent(token,
                (key) -> this.http.headers((headers) -> headers.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + key)));
        return post(app, step, path, null, expected);
    }

    /**
     * A request to the OpenID Provider as a browser page or a native app makes it: {@code GET} (no
     * {@code form}) or a form {@code POST}, with {@code cookies} (empty: none), never following a redirect;
     * a non-{@code expected} status fails. A form posted with cookies is a browser's, from the
     * provider's origin; one without is an app's, with no {@code Origin}.
     *
     * @param pathOrUrl a path, or an absolute URL on this gateway (a provider's {@code Location})
     */
    Mono<Page> page(String step, String pathOrUrl, String cookies, @Nullable String form, int expected) {
        String path = pathOrUrl.startsWith(this.origin) ? pathOrUrl.substring(this.origin.length()) : pathOrUrl;
        HttpClient client = this.http.headers((headers) -> {
            headers.remove(HttpHeaderNames.ORIGIN);
            headers.set(HttpHeaderNames.ACCEPT, "text/html,application/json");
            if (!cookies.isEmpty()) {
                headers.set(HttpHeaderNames.COOKIE, cookies);
            }
            if (form != null) {
                headers.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_X_WWW_FORM_URLENCODED);
                if (!cookies.isEmpty()) {
                    headers.set(HttpHeaderNames.ORIGIN, this.origin);
                }
            }
        });
        HttpClient.ResponseReceiver<?> request = (form != null)
                ? client.request(HttpMethod.POST).uri(path).send(ByteBufFlux.fromString(Mono.just(form)))
                : client.request(HttpMethod.GET).uri(path);
        return request.responseSingle((response, content) -> content.asString().defaultIfEmpty("").map((text) -> {
            int status = response.status().code();
            if (status != expected) {
                throw new FlowFailure(step + ": " + status + " " + Json.string(text, "error"));
            }
            return new Page(text, response.responseHeaders().get(HttpHeaderNames.LOCATION),
                    response.responseHeaders().getAll(HttpHeaderNames.SET_COOKIE));
        }))
            .timeout(this.timeout, Mono.error(() -> new FlowFailure("timeout: " + step)))
            .onErrorMap((ex) -> !(ex instanceof FlowFailure), (ex) -> FlowFailure.of(step, ex));
    }

    /** What a page request answered: its body, where it redirects, the cookies it sets. */
    record Page(String body, @Nullable String location, List<String> setCookies) {
    }

    private Mono<String> post(HttpClient client, String step, String path, @Nullable String body, int expected) {
        HttpClient.ResponseReceiver<?> request = (body != null)
                ? client.post().uri(path).send(ByteBufFlux.fromString(Mono.just(body)))
                : client.post().uri(path);
        return request.responseSingle((response, content) -> content.asString().defaultIfEmpty("").map((text) -> {
            int status = response.status().code();
            if (status != expected) {
                throw new FlowFailure(step + ": " + status + " " + Json.string(text, "code"));
            }
            return text;
        }))
            .timeout(this.timeout, Mono.error(() -> new FlowFailure("timeout: " + step)))
            .onErrorMap((ex) -> !(ex instanceof FlowFailure), (ex) -> FlowFailure.of(step, ex));
    }
}
