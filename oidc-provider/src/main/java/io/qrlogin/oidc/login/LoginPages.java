package io.qrlogin.oidc.login;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.HtmlUtils;

/** The HTML the login feature answers with: the QR login page and short messages. */
final class LoginPages {

    /**
     * Scripts, styles and images from this origin only (the widget and its socket are on it too, behind
     * the gateway), no inline code, never framed. No form-action: browsers apply it to the redirects
     * after the hand-over, which end at the client's redirect URI.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; connect-src 'self'; "
            + "img-src 'self' data:; style-src 'self'; base-uri 'none'; frame-ancestors 'none'";

    private final String login = template("login.html");

    private final String message = template("message.html");

    /** The QR login page for the client named {@code clientName}, whose id the widget mints with. */
    ResponseEntity<String> login(String clientName, String clientId, String csrfParameter, String csrfToken) {
        return page(HttpStatus.OK, render(this.login, Map.of("clientName", clientName, "clientId", clientId,
                "csrfParameter", csrfParameter, "csrfToken", csrfToken)));
    }

    /** A page that says {@code title} and {@code text}. */
    ResponseEntity<String> message(HttpStatus status, String title, String text) {
        return page(status, render(this.message, Map.of("title", title, "message", text)));
    }

    private static ResponseEntity<String> page(HttpStatus status, String html) {
        return ResponseEntity.status(status)
            .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
            .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
            .header(HttpHeaders.CACHE_CONTROL, "no-store")
            .body(html);
    }

    private static String render(String template, Map<String, String> values) {
        String html = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            html = html.replace("{{" + value.getKey() + "}}", HtmlUtils.htmlEscape(value.getValue(), "UTF-8"));
        }
        return html;
    }

    private static String template(String name) {
        try (InputStream in = LoginPages.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing page template " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
