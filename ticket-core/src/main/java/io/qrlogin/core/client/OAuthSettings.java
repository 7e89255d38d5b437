package io.qrlogin.core.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Validates the OAuth settings of one client, so a bad entry fails the start naming its property
 * instead of failing a user's sign-in later.
 */
final class OAuthSettings {

    /** A password encoder id and a hash after it, as Spring Security's DelegatingPasswordEncoder reads it. */
    private static final Pattern SECRET_HASH = Pattern.compile("\\{[A-Za-z0-9_.-]+}\\S+");

    /** RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ). */
    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}");

    private static final List<String> DEFAULT_SCOPES = List.of("openid", "profile");

    private OAuthSettings() {
    }

    /** The OAuth settings of client {@code prefix}; {@code null} when it has no {@code type}. */
    static @Nullable OAuthClient of(String prefix, ClientProperties properties) {
        ClientType type = properties.type();
        if (type == null) {
            refuseWithoutType(prefix, properties);
            return null;
        }
        String secret = secret(prefix, type, properties.secret());
        Set<GrantType> grantTypes = grantTypes(prefix, properties.grantTypes());
        List<String> redirectUris = uris(properties.redirectUris(), type, prefix + ".redirect-uris");
        if (grantTypes.contains(GrantType.AUTHORIZATION_CODE) && redirectUris.isEmpty()) {
            throw new IllegalArgumentException(prefix + ".redirect-uris must name at least one URI: the client uses the "
                    + "authorization_code grant, whose code is sent back to a registered redirect URI");
        }
        List<String> postLogoutRedirectUris = uris(properties.postLogoutRedirectUris(), type,
                prefix + ".post-logout-redirect-uris");
        Set<String> scopes = scopes(prefix, properties.scopes());
        boolean offline = scopes.contains(OAuthClient.OFFLINE_ACCESS);
        if (offline != grantTypes.contains(GrantType.REFRESH_TOKEN)) {
            throw new IllegalArgumentException(prefix + ": refresh tokens are issued for the offline_access scope "
                    + "only, so list offline_access in " + prefix + ".scopes together with refresh_token in "
                    + prefix + ".grant-types, or neither");
        }
        String backchannelLogoutUri = null;
        if (properties.backchannelLogoutUri() != null && !properties.backchannelLogoutUri().isBlank()) {
            backchannelLogoutUri = webUri(properties.backchannelLogoutUri(), prefix + ".backchannel-logout-uri");
        }
        return new OAuthClient(type, secret, redirectUris, postLogoutRedirectUris, grantTypes, scopes,
                Boolean.TRUE.equals(properties.requireConsent()), backchannelLogoutUri);
    }

    private static void refuseWithoutType(String prefix, ClientProperties properties) {
        List<String> set = new ArrayList<>();
        if (properties.secret() != null) {
            set.add("secret");
        }
        if (properties.redirectUris() != null && !properties.redirectUris().isEmpty()) {
            set.add("redirect-uris");
        }
        if (properties.postLogoutRedirectUris() != null && !properties.postLogoutRedirectUris().isEmpty()) {
            set.add("post-logout-redirect-uris");
        }
        if (properties.grantTypes() != null && !properties.grantTypes().isEmpty()) {
            set.add("grant-types");
        }
        if (properties.scopes() != null && !properties.scopes().isEmpty()) {
            set.add("scopes");
        }
        if (properties.requireConsent() != null) {
            set.add("require-consent");
        }
        if (properties.backchannelLogoutUri() != null) {
            set.add("backchannel-logout-uri");
        }
        if (!set.isEmpty()) {
            throw new IllegalArgumentException(prefix + ".type must be set (confidential, public or native) when "
                    + String.join(", ", set) + " is: those configure an OAuth client");
        }
    }

    private static @Nullable String secret(String prefix, ClientType type, @Nullable String secret) {
        boolean present = secret != null && !secret.isBlank();
        if (type == ClientType.CONFIDENTIAL) {
            if (!present) {
                throw new IllegalArgumentException(prefix + ".secret must be set for a confidential client: the hash "
                        + "of its secret with the encoder's id, e.g. {bcrypt}$2a$10$…");
            }
            String hash = secret.strip();
            if (!SECRET_HASH.matcher(hash).matches()) {
                // Never echo the value: it may be the plain secret pasted by mistake.
                throw new IllegalArgumentException(prefix + ".secret must be a hash with its encoder's id in braces, "
                        + "e.g. {bcrypt}$2a$10$…, never the secret itself");
            }
            return hash;
        }
        if (present) {
            throw new IllegalArgumentException(prefix + ".secret must not be set for a " + name(type)
                    + " client: it cannot keep a secret, and proves itself with PKCE instead");
        }
        return null;
    }

    private static Set<GrantType> grantTypes(String prefix, @Nullable List<String> configured) {
        if (configured == null || configured.isEmpty()) {
            return EnumSet.of(GrantType.AUTHORIZATION_CODE);
        }
        Set<GrantType> grantTypes = EnumSet.noneOf(GrantType.class);
        for (String value : configured) {
            String grantType = value.strip();
            grantTypes.add(GrantType.of(grantType).orElseThrow(() -> new IllegalArgumentException(prefix
                    + ".grant-types: '" + grantType + "' is not one of " + Arrays.stream(GrantType.values())
                        .map(GrantType::value).toList())));
        }
        return grantTypes;
    }

    private static Set<String> scopes(String prefix, @Nullable List<String> configured) {
        List<String> values = (configured == null || configured.isEmpty()) ? DEFAULT_SCOPES : configured;
        Set<String> scopes = new LinkedHashSet<>();
        for (String value : values) {
            String scope = value.strip();
            if (!SCOPE_TOKEN.matcher(scope).matches()) {
                throw new IllegalArgumentException(prefix + ".scopes: '" + scope + "' is not a scope (RFC 6749 §3.3)");
            }
            scopes.add(scope);
        }
        return scopes;
    }

    private static List<String> uris(@Nullable List<String> configured, ClientType type, String property) {
        if (configured == null) {
            return List.of();
        }
        return configured.stream()
            .filter((uri) -> !uri.isBlank())
            .map((uri) -> redirectUri(uri.strip(), type, property))
            .distinct()
            .toList();
    }

    /**
     * {@code value} if it is a redirect URI {@code type} may register: absolute, without a fragment (RFC 6749
     * §3.1.2); https, or http on this machine only. A native client may use http only on a loopback IP
     * literal (RFC 8252 §7.3, §8.3) and its own private-use scheme (RFC 8252 §7.1).
     */
    static String redirectUri(String value, ClientType type, String property) {
        URI uri = absolute(value, property);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            if (type != ClientType.NATIVE) {
                throw new IllegalArgumentException(property + ": " + value + " must be an https URL (http only for "
                        + "localhost); only a native client may use its own URI scheme");
            }
            return value;
        }
        String host = host(uri, value, property);
        if ("http".equals(scheme)) {
            if (type == ClientType.NATIVE && !isLoopbackAddress(host)) {
                throw new IllegalArgumentException(property + ": " + value + " must be https, or http on the loopback "
                        + "address 127.0.0.1 or [::1] (RFC 8252 §7.3; not 'localhost', §8.3), for a native client");
            }
            if (type != ClientType.NATIVE && !isLocal(host)) {
                throw new IllegalArgumentException(property + ": " + value + " must be an https URL; http is "
                        + "accepted for localhost only");
            }
        }
        return value;
    }

    /** {@code value} if it is an absolute https URL (http only on this machine) without a fragment. */
    private static String webUri(String value, String property) {
        String uri = value.strip();
        URI parsed = absolute(uri, property);
        String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
        String host = host(parsed, uri, property);
        if (!"https".equals(scheme) && !("http".equals(scheme) && isLocal(host))) {
            throw new IllegalArgumentException(property + ": " + uri + " must be an https URL; http is accepted for "
                    + "localhost only");
        }
        return uri;
    }

    private static URI absolute(String value, String property) {
        URI uri;
        try {
            uri = new URI(value);
        }
        catch (URISyntaxException ex) {
            throw new IllegalArgumentException(property + ": " + value + " is not a URI");
        }
        if (!uri.isAbsolute()) {
            throw new IllegalArgumentException(property + ": " + value + " must be an absolute URI");
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException(property + ": " + value + " must not have a fragment (RFC 6749 §3.1.2)");
        }
        return uri;
    }

    private static String host(URI uri, String value, String property) {
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(property + ": " + value + " must name a host and no user");
        }
        return uri.getHost().toLowerCase(Locale.ROOT);
    }

    /** The hosts whose loopback redirect URIs match on any port (as the OpenID Provider checks them). */
    static boolean isLoopbackAddress(String host) {
        return "[::1]".equals(host) || IPV4_LOOPBACK.matcher(host).matches();
    }

    private static boolean isLocal(String host) {
        return "localhost".equals(host) || isLoopbackAddress(host);
    }

    private static String name(ClientType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }
}
