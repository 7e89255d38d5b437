package io.qrlogin.gateway.page;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

import org.springframework.core.io.ClassPathResource;

/**
 * The browser widget exactly as the gateway serves it, read once at start: its bytes, its Subresource
 * Integrity value ({@code sha384-…} of those bytes) and its version, the first 16 hex digits of the same
 * hash. The version names the immutable path {@code /widget/{version}/qrlogin.js}: content-addressed, so a
 * cached copy can never go stale, and a page that pins the integrity gets the very bytes it was hashed from.
 *
 * @see <a href="https://www.w3.org/TR/SRI/">Subresource Integrity</a>
 */
final class WidgetScript {

    /** Where the build puts the widget on the class path. */
    static final String RESOURCE = "widget/qrlogin.js";

    private final byte[] content;

    private final String integrity;

    private final String version;

    private WidgetScript(byte[] content) {
        this.content = content;
        byte[] digest = sha384(content);
        this.integrity = "sha384-" + Base64.getEncoder().encodeToString(digest);
        this.version = HexFormat.of().formatHex(digest, 0, 8);
    }

    /** The widget on the class path; fails the start when it is missing. */
    static WidgetScript load() {
        try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
            return new WidgetScript(in.readAllBytes());
        }
        catch (IOException ex) {
            throw new UncheckedIOException("The widget " + RESOURCE + " is missing", ex);
        }
    }

    byte[] content() {
        return this.content.clone();
    }

    /** The value of a {@code <script integrity>} attribute for these bytes. */
    String integrity() {
        return this.integrity;
    }

    /** The content's fingerprint: 16 lower-case hex digits. */
    String version() {
        return this.version;
    }

    /** The path this version is served at forever (as long as this build runs). */
    String versionedPath() {
        return "/widget/" + this.version + "/qrlogin.js";
    }

    private static byte[] sha384(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-384").digest(content);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every Java runtime has SHA-384", ex);
        }
    }
}
