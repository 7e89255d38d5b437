package io.qrlogin.core.client;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A client (site) that may ask for a QR login, as the registry knows it.
 *
 * @param id the {@code clientId} browsers send when they mint
 * @param name the name the confirm screen shows the user
 * @param origins the normalised browser origins of its pages ({@link Origins})
 * @param audience the {@code aud} of its session tokens
 * @param numberMatching when a confirm must carry the two-digit code the browser shows
 * @param confirmIdentityInBrowser whether the widget asks "Continue as &lt;name&gt;?" before it redeems
 * @param oauth its settings as a client of the OpenID Provider; {@code null} when it is not one
 * @param sessionLifetimes how long its sessions last unused, and at most
 */
public record Client(String id, String name, List<String> origins, String audience, NumberMatching numberMatching,
        boolean confirmIdentityInBrowser, @Nullable OAuthClient oauth, SessionLifetimes sessionLifetimes) {

    public Client {
        origins = List.copyOf(origins);
    }

    /** A client whose sessions last the default lifetimes. */
    public Client(String id, String name, List<String> origins, String audience, NumberMatching numberMatching,
            boolean confirmIdentityInBrowser, @Nullable OAuthClient oauth) {
        this(id, name, origins, audience, numberMatching, confirmIdentityInBrowser, oauth, SessionLifetimes.DEFAULTS);
    }

    /** A client that is not an OAuth client, with the default settings of the browser widget. */
    public Client(String id, String name, List<String> origins, String audience, NumberMatching numberMatching) {
        this(id, name, origins, audience, numberMatching, true, null);
    }

    /** Whether a browser on {@code origin} (an {@code Origin} header, normalised) is one of this client's pages. */
    public boolean allowsOrigin(String origin) {
        return this.origins.contains(origin);
    }
}
