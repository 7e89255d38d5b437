package io.qrlogin.support.apptoken;

import java.util.List;

import io.qrlogin.core.ticket.AppUser;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * An app user authenticated by a verified bearer JWT. Keeps only the user, not the token, so
 * nothing downstream can leak it.
 */
public final class AppUserAuthentication extends AbstractAuthenticationToken {

    private final transient AppUser user;

    public AppUserAuthentication(AppUser user) {
        super(List.of());
        this.user = user;
        setAuthenticated(true);
    }

    @Override
    public AppUser getPrincipal() {
        return this.user;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public String getName() {
        return this.user.subject();
    }
}
