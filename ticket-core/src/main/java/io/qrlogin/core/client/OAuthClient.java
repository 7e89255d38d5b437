package io.qrlogin.core.client;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A client's settings as an OAuth client of the OpenID Provider, validated ({@link ClientRegistry#of}):
 * what {@code qrlogin.clients.<id>.type} and the settings beside it say.
 *
 * @param type how the client authenticates and which redirect URIs it may use
 * @param secret a confidential client's secret hash with its encoder id ({@code {bcrypt}…}); {@code null}
 * for public and native clients
 * @param redirectUris the redirect URIs, verbatim: they are compared exactly
 * @param postLogoutRedirectUris the post-logout redirect URIs, verbatim
 * @param grantTypes the grants it may use
 * @param scopes the scopes it may ask for, in configured order
 * @param requireConsent whether the user consents to the scopes
 * @param backchannelLogoutUri where logout tokens are posted; {@code null} for none
 */
public record OAuthClient(ClientType type, @Nullable String secret, List<String> redirectUris,
        List<String> postLogoutRedirectUris, Set<GrantType> grantTypes, Set<String> scopes, boolean requireConsent,
        @Nullable String backchannelLogoutUri) {

    /** The scope that asks for a refresh token (OpenID Connect Core §11). */
    public static final String OFFLINE_ACCESS = "offline_access";

    public OAuthClient {
        redirectUris = List.copyOf(redirectUris);
        postLogoutRedirectUris = List.copyOf(postLogoutRedirectUris);
        grantTypes = Collections.unmodifiableSet(grantTypes.isEmpty() ? EnumSet.noneOf(GrantType.class)
                : EnumSet.copyOf(grantTypes));
        scopes = Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
    }

    /** Whether the client may use {@code grantType}. */
    public boolean allows(GrantType grantType) {
        return this.grantTypes.contains(grantType);
    }

    // Never print the secret's hash.
    @Override
    public String toString() {
        return "OAuthClient[type=" + this.type + ", secret=" + ((this.secret != null) ? "<hidden>" : null)
                + ", redirectUris=" + this.redirectUris + ", postLogoutRedirectUris=" + this.postLogoutRedirectUris
                + ", grantTypes=" + this.grantTypes + ", scopes=" + this.scopes + ", requireConsent="
                + this.requireConsent + ", backchannelLogoutUri=" + this.backchannelLogoutUri + "]";
    }
}
