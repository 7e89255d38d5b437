package io.qrlogin.core.token;

import java.net.URI;

/**
 * The issuer of every token QR Login signs (session tokens and the OpenID Provider's), configured once
 * as {@code qrlogin.session.issuer} and read by each service that signs or checks them.
 */
public final class Issuers {

    private Issuers() {
    }

    /**
     * The issuer as it appears in {@code iss}: no trailing slash, so {@code issuer + "/.well-known/…"} is a
     * clean URL.
     * @throws IllegalArgumentException unless {@code issuer} is an http(s) URL with a host and without query,
     * fragment or user info (OpenID Connect Discovery 1.0 §3: https, http for local use)
     */
    public static URI normalize(URI issuer) {
        String scheme = issuer.getScheme();
        if (!("https".equals(scheme) || "http".equals(scheme)) || issuer.getHost() == null
                || issuer.getRawQuery() != null || issuer.getRawFragment() != null || issuer.getRawUserInfo() != null) {
            throw new IllegalArgumentException(
                    "qrlogin.session.issuer must be an http(s) URL without query or fragment, was " + issuer);
        }
        String text = issuer.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : issuer;
    }
}
