package io.qrlogin.bench.load;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * One OpenID Connect login as a native app and its browser make it (authorization code with PKCE, the
 * local system's public client {@code cli} on a loopback redirect URI): the authorization request is
 * sent to the provider's QR login page; the page runs the QR flow and hands the session token over;
 * the provider redirects with a code, which the app exchanges for tokens. The browser's cookies live
 * for one login only, so every flow shows the QR page (no single sign-on).
 */
final class OidcLogin {

    /** The local system's native client. */
    static final String CLIENT_ID = "cli";

    /** Loopback: any port matches the registered {@code http://127.0.0.1/callback}; nothing listens. */
    private static final String REDIRECT_URI = "http://127.0.0.1:49152/callback";

    private static final Pattern HIDDEN_INPUT = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");

    private final Gateway gateway;

    private final FlowStats stats;

    OidcLogin(Gateway gateway, FlowStats stats) {
        this.gateway = gateway;
        this.stats = stats;
    }

    /** Emits the ID token once {@code qrLogin} (the page's QR flow, emitting a session token) has run inside. */
    Mono<String> login(Supplier<Mono<String>> qrLogin) {
        PkcePair pkce = PkcePair.random();
        Map<String, String> cookies = new LinkedHashMap<>();
        long start = System.nanoTime();
        String authorize = "/oauth2/authorize?response_type=code&client_id=" + CLIENT_ID + "&scope=openid%20profile"
                + "&redirect_uri=" + encode(REDIRECT_URI) + "&state=bench&nonce=bench-nonce&code_challenge="
                + pkce.challenge() + "&code_challenge_method=S256";
        return this.gateway.page("authorize", authorize, "", null, 302)
            .flatMap((redirect) -> this.gateway.page("login page", location(redirect, "authorize"), keep(cookies, redirect), null, 200))
            .flatMap((page) -> {
                keep(cookies, page);
                this.stats.record(Step.AUTHORIZE, System.nanoTime() - start);
                String csrf = csrfField(page.body());
                return qrLogin.get().flatMap((sessionToken) -> handOver(csrf, sessionToken, cookies));
            })
            .flatMap((code) -> token(code, pkce.verifier()));
    }

    /** Posts the session token as the page's form does and follows the provider to the client's redirect. */
    private Mono<String> handOver(String csrf, String sessionToken, Map<String, String> cookies) {
        long sent = System.nanoTime();
        return this.gateway.page("hand-over", "/login/qr", cookie(cookies), csrf + "&session_token=" + encode(sessionToken), 302)
            .flatMap((handedOver) -> this.gateway.page("code", location(handedOver, "hand-over"), keep(cookies, handedOver), null, 302))
            .map((redirect) -> {
                String callback = location(redirect, "code");
                String code = query(callback, "code");
                if (!callback.startsWith(REDIRECT_URI) || code == null || !"bench".equals(query(callback, "state"))) {
                    throw new FlowFailure("code: not redirected to the client with a code and its state");
                }
                this.stats.record(Step.HANDOFF, System.nanoTime() - sent);
                return code;
            });
    }

    private Mono<String> token(String code, String verifier) {
        long sent = System.nanoTime();
        String form = "grant_type=authorization_code&code=" + encode(code) + "&redirect_uri=" + encode(REDIRECT_URI)
                + "&client_id=" + CLIENT_ID + "&code_verifier=" + verifier;
        return this.gateway.page("token", "/oauth2/token", "", form, 200).map((answer) -> {
            String idToken = Json.string(answer.body(), "id_token");
            if (idToken == null || Json.string(answer.body(), "access_token") == null) {
                throw new FlowFailure("token: no ID token or access token");
            }
            this.stats.record(Step.TOKEN, System.nanoTime() - sent);
            return idToken;
        });
    }

    /** The page's CSRF field ({@code name=value}, form-encoded), the hidden input that is not the token's. */
    static String csrfField(String html) {
        Matcher input = HIDDEN_INPUT.matcher(html);
        while (input.find()) {
            if (!input.group(1).equals("session_token")) {
                return encode(input.group(1)) + "=" + encode(input.group(2));
            }
        }
        throw new FlowFailure("login page: no CSRF field");
    }

    /** The value of {@code name} in {@code url}'s query, or null. */
    static @Nullable String query(String url, String name) {
        String query = URI.create(url).getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(name)) {
                return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static String location(Gateway.Page page, String step) {
        if (page.location() == null) {
            throw new FlowFailure(step + ": a redirect without a Location");
        }
        return page.location();
    }

    /** Keeps the cookies {@code page} sets (a browser's cookie jar for one host); answers the Cookie header. */
    private static String keep(Map<String, String> cookies, Gateway.Page page) {
        for (String setCookie : page.setCookies()) {
            String pair = setCookie.split(";", 2)[0];
            int equals = pair.indexOf('=');
            if (equals > 0) {
                cookies.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
            }
        }
        return cookie(cookies);
    }

    private static String cookie(Map<String, String> cookies) {
        return String.join("; ", cookies.entrySet().stream().map((entry) -> entry.getKey() + "=" + entry.getValue()).toList());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** For tests: what {@link #keep} would send after these {@code Set-Cookie} headers. */
    static String cookieHeader(List<String> setCookies) {
        return keep(new LinkedHashMap<>(), new Gateway.Page("", null, setCookies));
    }
}
