package io.qrlogin.core.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One client (site) as configured under {@code qrlogin.clients.<id>.*}, alike in every service (one
 * ConfigMap): each service reads the part it needs. {@link ClientRegistry#of} validates it. A client
 * with a {@code type} is also an OAuth client of the OpenID Provider.
 *
 * @param name the name the confirm screen shows the user, e.g. "Payroll"
 * @param origins the browser origins (scheme://host[:port]) the client's pages are served from: they may
 * ask for QR codes and open the socket, and only they get CORS answers; optional for an OAuth client,
 * whose users sign in on the OpenID Provider's page
 * @param audience the {@code aud} of the session tokens the client's browsers get; the client id if unset
 * @param numberMatching when the user must type, on the phone, the two-digit code the browser shows after
 * the scan: {@code always}, {@code on-risk} (the default: when the app's and the browser's networks differ) or
 * {@code never}; {@code true} and {@code false} still mean {@code always} and {@code never} ({@link NumberMatching})
 * @param type the OAuth client type ({@code confidential}, {@code public} or {@code native}); unset: not an
 * OAuth client
 * @param secret a confidential client's secret as a hash with its encoder's id, e.g. {@code {bcrypt}$2a$10$…},
 * never the secret itself; none for public and native clients
 * @param redirectUris where the OpenID Provider may send the browser back with a code, compared exactly
 * (a native client's {@code http://127.0.0.1/…} and {@code http://[::1]/…} on any port)
 * @param postLogoutRedirectUris where the OpenID Provider may send the browser after logout, compared
 * like {@code redirect-uris}
 * @param grantTypes the OAuth grants the client may use: {@code authorization_code} (the default),
 * {@code refresh_token}, {@code urn:ietf:params:oauth:grant-type:device_code}
 * @param scopes the scopes the client may ask for; {@code openid profile} if unset, and
 * {@code offline_access} with (and only with) the {@code refresh_token} grant
 * @param requireConsent whether the user is asked to consent to the scopes (off if unset: a first-party
 * client)
 * @param backchannelLogoutUri where the OpenID Provider posts a logout token when a session the client
 * holds ends (OpenID Connect Back-Channel Logout 1.0)
 * @param confirmIdentityInBrowser whether the browser widget, once the phone confirmed, asks "Continue as
 * &lt;name&gt;?" before it signs in, so that a browser cannot be signed in as whoever scanned its code
 * first (on if unset)
 * @param sessionIdleTimeout how long a session of the client may go unused before it ends (2h if unset)
 * @param sessionMaxLifetime how long after its sign-in a session of the client ends at the latest, however
 * active (12h if unset)
 */
public record ClientProperties(@Nullable String name, @Nullable List<String> origins, @Nullable String audience,
        @Nullable String numberMatching, @Nullable ClientType type, @Nullable String secret,
        @Nullable List<String> redirectUris, @Nullable List<String> postLogoutRedirectUris,
        @Nullable List<String> grantTypes, @Nullable List<String> scopes, @Nullable Boolean requireConsent,
        @Nullable String backchannelLogoutUri, @Nullable Boolean confirmIdentityInBrowser,
        @Nullable Duration sessionIdleTimeout, @Nullable Duration sessionMaxLifetime) {

    /** The id of the client known out of the box. */
    public static final String DEFAULT_CLIENT_ID = "web";

    /** The clients known out of the box: the login page served at the local gateway's address. */
    public static final Map<String, ClientProperties> DEFAULTS = Map.of(DEFAULT_CLIENT_ID,
            site("Web", List.of("http://localhost:8080"), DEFAULT_CLIENT_ID, null));

    /** A site that embeds the widget on its own pages and is not an OAuth client. */
    public static ClientProperties site(@Nullable String name, @Nullable List<String> origins,
            @Nullable String audience, @Nullable String numberMatching) {
        return new ClientProperties(name, origins, audience, numberMatching, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    // Never print the secret's hash, wherever this record ends up (logs, actuator, failure analysis).
    @Override
    public String toString() {
        return "ClientProperties[name=" + this.name + ", origins=" + this.origins + ", audience=" + this.audience
                + ", numberMatching=" + this.numberMatching + ", type=" + this.type + ", secret="
                + ((this.secret != null) ? "<hidden>" : null) + ", redirectUris=" + this.redirectUris
                + ", postLogoutRedirectUris=" + this.postLogoutRedirectUris + ", grantTypes=" + this.grantTypes
                + ", scopes=" + this.scopes + ", requireConsent=" + this.requireConsent + ", backchannelLogoutUri="
                + this.backchannelLogoutUri + ", confirmIdentityInBrowser=" + this.confirmIdentityInBrowser + ", sessionIdleTimeout="
                + this.sessionIdleTimeout + ", sessionMaxLifetime=" + this.sessionMaxLifetime + "]";
    }
}
