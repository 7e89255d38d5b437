package io.qrlogin.session.security;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A request authenticated by a live session token. Keeps only the principal, not the token. */
final class SessionAuthentication extends AbstractAuthenticationToken {

    private final transient SessionPrincipal principal;

    SessionAuthentication(SessionPrincipal principal) {
        super(List.of());
        this.principal = principal;
        setAuthenticated(true);
    }

    @Override
    public SessionPrincipal getPrincipal() {
        return this.principal;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public String getName() {
        return this.principal.subject();
    }
}
