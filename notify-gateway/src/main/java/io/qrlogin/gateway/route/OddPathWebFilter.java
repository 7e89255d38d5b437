package io.qrlogin.gateway.route;

import java.util.Locale;

import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.support.web.ProblemResponder;
import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses, at the edge and as a {@code 400 invalid_request} problem, every request path that no page or
 * API of ours ever uses and that path-traversal and filter-bypass tricks rely on: a {@code ;} (path
 * parameters), a {@code \}, an empty, {@code .} or {@code ..} segment, or an escape of {@code /},
 * {@code \}, {@code .}, {@code ;}, {@code %} or a control character. Without it such a path reached a
 * service, whose firewall answered a bare {@code 400} with an empty body (for
 * {@code POST /api/scan/..%2F..%2Fetc%2Fpasswd}).
 *
 * <p>Other escapes ({@code /%61pi/qr}) are legal and routed as the path they decode to; checks that
 * depend on the path use {@link #normalized(RequestPath)}, what the routes match, never the raw text.
 */
@Order(EdgeOrder.ODD_PATH)
public final class OddPathWebFilter implements WebFilter {

    private final ProblemResponder problems;

    OddPathWebFilter(ProblemResponder problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (isOdd(exchange.getRequest().getURI().getRawPath())) {
            return this.problems.write(exchange, ProblemCode.INVALID_REQUEST, "The request path is not valid.");
        }
        return chain.filter(exchange);
    }

    /**
     * The path as the routes see it: each segment decoded, path parameters dropped. {@code /%61pi/qr}
     * and {@code /api;x/qr} are both {@code /api/qr}.
     */
    public static String normalized(RequestPath path) {
        StringBuilder normalized = new StringBuilder();
        for (PathContainer.Element element : path.pathWithinApplication().elements()) {
            normalized.append((element instanceof PathContainer.PathSegment segment) ? segment.valueToMatch()
                    : element.value());
        }
        return normalized.toString();
    }

    /** Whether {@code rawPath} (still percent-encoded) is one the edge refuses. */
    static boolean isOdd(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return false;
        }
        if (rawPath.indexOf(';') >= 0 || rawPath.indexOf('\\') >= 0) {
            return true;
        }
        String lower = rawPath.toLowerCase(Locale.ROOT);
        for (int i = lower.indexOf('%'); i >= 0; i = lower.indexOf('%', i + 1)) {
            if (i + 2 >= lower.length()) {
                return true;
            }
            int value;
            try {
                value = Integer.parseInt(lower.substring(i + 1, i + 3), 16);
            }
            catch (NumberFormatException ex) {
                return true;
            }
            if (value < 0x20 || value == 0x7f || value == '/' || value == '\\' || value == '.' || value == ';'
                    || value == '%') {
                return true;
            }
        }
        // Segments between slashes: the first is before the leading slash (empty by construction).
        String[] segments = rawPath.split("/", -1);
        for (int i = 1; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            if ((segment.isEmpty() && !last) || segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }
}
