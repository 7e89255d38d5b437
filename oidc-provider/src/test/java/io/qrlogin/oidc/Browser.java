package io.qrlogin.oidc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser as far as the provider can tell: it keeps cookies, sends what headers a test adds, and
 * follows nothing by itself, so a test sees every redirect.
 */
final class Browser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient client = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(10))
        .build();

    private final Map<String, String> cookies = new LinkedHashMap<>();

    private final Map<String, String> headers = new LinkedHashMap<>();

    /** Sends {@code name: value} with every later request (what a gateway would add). */
    Browser header(String name, String value) {
        this.headers.put(name, value);
        return this;
    }

    HttpResponse<String> get(URI uri) {
        return send(request(uri).GET());
    }

    HttpResponse<String> post(URI uri, Map<String, String> form) {
        String body = form.entrySet().stream()
            .map((field) -> encode(field.getKey()) + "=" + encode(field.getValue()))
            .collect(Collectors.joining("&"));
        return send(request(uri).header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Where {@code response} redirects to, resolved against the request's URI. */
    static URI location(HttpResponse<?> response) {
        String location = response.headers().firstValue("Location")
            .orElseThrow(() -> new AssertionError("No redirect: " + response.statusCode() + " " + response.body()));
        return response.uri().resolve(location);
    }

    /** The CSRF token of the form on {@code page}. */
    static String csrfToken(HttpResponse<String> page) {
        Matcher matcher = CSRF.matcher(page.body());
        if (!matcher.find()) {
            throw new AssertionError("No CSRF token on the page: " + page.body());
        }
        return matcher.group(1).replace("&#61;", "=");
    }

    /** The value of the cookie {@code name}, if the browser holds it. */
    String cookie(String name) {
        return this.cookies.get(name);
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
            .header("Accept", "text/html,application/xhtml+xml");
        this.headers.forEach(request::header);
        if (!this.cookies.isEmpty()) {
            request.header("Cookie", this.cookies.entrySet().stream()
                .map((cookie) -> cookie.getKey() + "=" + cookie.getValue())
                .collect(Collectors.joining("; ")));
        }
        return request;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            response.headers().allValues("Set-Cookie").forEach(this::keep);
            return response;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private void keep(String setCookie) {
        String pair = setCookie.split(";", 2)[0];
        int equals = pair.indexOf('=');
        String name = pair.substring(0, equals).strip();
        String value = pair.substring(equals + 1).strip();
        boolean deleted = value.isEmpty() || setCookie.toLowerCase().contains("max-age=0");
        if (deleted) {
            this.cookies.remove(name);
        }
        else {
            this.cookies.put(name, value);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
