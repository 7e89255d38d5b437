package io.qrlogin.gateway.route;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Tells the OpenID Provider where its requests were addressed: the public URL's scheme, host and port in
 * {@code X-Forwarded-Proto}, {@code X-Forwarded-Host} and {@code X-Forwarded-Port} (its path, if it has one,
 * in {@code X-Forwarded-Prefix}), and the client's IP in {@code X-Forwarded-For}. The provider builds
 * absolute URLs from its requests (the redirect to its login page, the saved authorization request, the
 * {@code htu} a DPoP proof must name), and they must be the issuer's, never the gateway's internal address.
 *
 * <p>The values come from {@code qrlogin.public-base-url} (the issuer), never from the caller. Spring Cloud
 * Gateway drops every {@code X-Forwarded-*} header a caller sends while
 * {@code spring.cloud.gateway.server.webflux.trusted-proxies} is unset, and adds none; when it is set it
 * appends to the caller's. This filter runs after both and replaces what is left. Only the provider's
 * route gets these headers: the other services build no URL from their requests.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9449#section-4.3">RFC 9449 §4.3 (DPoP: htu)</a>
 */
final class OidcProviderForwardedHeadersFilter implements HttpHeadersFilter, Ordered {

    static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";

    static final String X_FORWARDED_HOST = "X-Forwarded-Host";

    static final String X_FORWARDED_PORT = "X-Forwarded-Port";

    static final String X_FORWARDED_PREFIX = "X-Forwarded-Prefix";

    private final String routeId;

    /** The public URL's parts, by header: the same for every request. */
    private final Map<String, String> publicAddress;

    private final ClientIpResolver addresses;

    /**
     * @param routeId the provider's route
     * @param publicBaseUrl the gateway's public URL: an absolute http(s) URL
     * @param addresses who the client is
     */
    OidcProviderForwardedHeadersFilter(String routeId, URI publicBaseUrl, ClientIpResolver addresses) {
        this.routeId = routeId;
        this.publicAddress = publicAddress(publicBaseUrl);
        this.addresses = addresses;
    }

    /** {@code X-Forwarded-Proto}, {@code -Host}, {@code -Port} and, if the URL has a path, {@code -Prefix}. */
    private static Map<String, String> publicAddress(URI publicBaseUrl) {
        Map<String, String> headers = new LinkedHashMap<>();
        String proto = publicBaseUrl.getScheme().toLowerCase(Locale.ROOT);
        headers.put(X_FORWARDED_PROTO, proto);
        // An IPv6 literal keeps its brackets; the port goes in a header of its own (Tomcat's RemoteIpValve
        // drops a port from X-Forwarded-Host).
        headers.put(X_FORWARDED_HOST, publicBaseUrl.getHost().toLowerCase(Locale.ROOT));
        int port = (publicBaseUrl.getPort() != -1) ? publicBaseUrl.getPort() : ("https".equals(proto) ? 443 : 80);
        headers.put(X_FORWARDED_PORT, Integer.toString(port));
        String path = publicBaseUrl.getRawPath();
        if (path != null && !path.isEmpty() && !"/".equals(path)) {
            headers.put(X_FORWARDED_PREFIX, path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
        }
        return Collections.unmodifiableMap(headers);
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.REQUEST;
    }

    @Override
    public int getOrder() {
        // After Spring Cloud Gateway's own forwarded-header filters (order 0), so nothing replaces these.
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route == null || !this.routeId.equals(route.getId())) {
            return input;
        }
        HttpHeaders headers = HttpHeaders.copyOf(input);
        // A prefix left by an earlier filter goes even when the public URL has none.
        headers.remove(X_FORWARDED_PREFIX);
        this.publicAddress.forEach(headers::set);
        String clientIp = this.addresses.resolve(exchange.getRequest());
        if (clientIp != null) {
            headers.set(ClientIpResolver.X_FORWARDED_FOR, clientIp);
        }
        else {
            headers.remove(ClientIpResolver.X_FORWARDED_FOR);
        }
        return headers;
    }
}
