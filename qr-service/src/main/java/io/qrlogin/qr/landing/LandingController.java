package io.qrlogin.qr.landing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

import io.qrlogin.core.ticket.QrIds;
import io.qrlogin.qr.QrProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code GET /q/{qrId}}: what a phone sees when its camera app opens the QR code's URL instead of
 * our app. It offers to open the app and explains what to do; it never logs anyone in by itself.
 */
@RestController
@Tag(name = "QR codes")
class LandingController {

    /** No scripts, no external resources, never framed, and the URL (which holds the id) never sent on. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final QrProperties properties;

    private final Map<Locale, ResourceBundle> texts;

    LandingController(QrProperties properties) {
        this.properties = properties;
        this.texts = LandingTexts.load();
    }

    @Operation(operationId = "landing", summary = "Landing page of a QR code opened with the camera",
            description = "An HTML page that opens the app on this code and says what to do (and what not to), "
                    + "in the language of Accept-Language (English, the default, or Simplified Chinese). "
                    + "It never signs anyone in.",
            responses = {
                    @ApiResponse(responseCode = "200", description = "The page",
                            content = @Content(mediaType = MediaType.TEXT_HTML_VALUE, schema = @Schema(type = "string"))),
                    @ApiResponse(responseCode = "404", description = "A page saying the code is not a valid login code",
                            content = @Content(mediaType = MediaType.TEXT_HTML_VALUE, schema = @Schema(type = "string"))) })
    @GetMapping(path = "/q/{qrId}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> landing(@PathVariable String qrId,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage) {
        LandingTexts texts = LandingTexts.forRequest(acceptLanguage, this.texts,
                this.properties.landing().appName());
        if (!QrIds.isWellFormed(qrId)) {
            return page(HttpStatus.NOT_FOUND, texts, texts.html("invalid.heading"),
                    "<p>" + texts.html("invalid.body") + "</p>");
        }
        String appLink = this.properties.landing().appLink()
            .replace("{qrUrl}", URLEncoder.encode(this.properties.qrUrl(qrId), StandardCharsets.UTF_8));
        return page(HttpStatus.OK, texts, texts.html("heading"),
                "<p>" + texts.html("intro") + "</p>"
                        + "<p><a class=\"button\" href=\"" + HtmlUtils.htmlEscape(appLink) + "\">" + texts.html("open")
                        + "</a></p>"
                        + "<p>" + texts.html("warning") + "</p>"
                        + "<p>" + texts.html("no-app") + "</p>");
    }

    private static ResponseEntity<String> page(HttpStatus status, LandingTexts texts, String heading, String body) {
        String html = "<!doctype html><html lang=\"" + texts.languageTag() + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"robots\" content=\"noindex\"><title>" + heading + "</title><style>"
                + "body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b1f24}"
                + ".button{display:inline-block;padding:.75rem 1.25rem;border-radius:.5rem;background:#0b57d0;color:#fff;"
                + "text-decoration:none;font-weight:600}</style></head><body><h1>" + heading + "</h1>" + body
                + "<footer><small>" + texts.html("footer") + "</small></footer></body></html>";
        return ResponseEntity.status(status)
            .cacheControl(CacheControl.noStore())
            .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
            .header("X-Content-Type-Options", "nosniff")
            .header("Referrer-Policy", "no-referrer")
            .header("X-Frame-Options", "DENY")
            // The text follows the phone's language, so a cache (were one to ignore no-store) must key on it.
            .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE)
            .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
            .body(html);
    }
}
