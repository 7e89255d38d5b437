package io.qrlogin.core.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Web origins (RFC 6454) in the form browsers send in the {@code Origin} header:
 * {@code scheme://host[:port]}, lower case, without a default port. Origins are compared exactly after
 * this normalisation, never as patterns, so no look-alike host slips through.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6454#section-6.2">RFC 6454 §6.2</a>
 */
public final class Origins {

    private Origins() {
    }

    /**
     * {@code value} normalised, for configuration: an http(s) origin with a host and nothing after it
     * (a trailing {@code /} is tolerated).
     *
     * @throws IllegalArgumentException naming {@code property} when {@code value} is not an origin
     */
    public static String normalize(String value, String property) {
        return parse(value).orElseThrow(
                () -> new IllegalArgumentException(property + " entries must be scheme://host[:port], was " + value));
    }

    /** The normalised form of an {@code Origin} header, or empty when it is absent or not an http(s) origin. */
    public static Optional<String> of(@Nullable String header) {
        return (header != null) ? parse(header) : Optional.empty();
    }

    private static Optional<String> parse(String value) {
        URI uri;
        try {
            uri = new URI(value.strip());
        }
        catch (URISyntaxException ex) {
            return Optional.empty();
        }
        String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
        boolean pathless = uri.getRawPath() == null || uri.getRawPath().isEmpty() || "/".equals(uri.getRawPath());
        if (!("http".equals(scheme) || "https".equals(scheme)) || uri.getHost() == null || uri.getRawUserInfo() != null
                || !pathless || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return Optional.empty();
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
    }
}
