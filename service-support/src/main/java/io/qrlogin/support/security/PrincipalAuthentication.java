package io.qrlogin.support.security;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A request authenticated by a verified bearer token. Keeps only the principal the token proved and
 * its name, never the token, so nothing downstream can leak it.
 *
 * @param <P> what the token proved
 */
public abstract class PrincipalAuthentication<P> extends AbstractAuthenticationToken {

    private final transient P principal;

    private final String name;

    protected PrincipalAuthentication(P principal, String name) {
        super(List.of());
        this.principal = principal;
        this.name = name;
        setAuthenticated(true);
    }

    @Override
    public P getPrincipal() {
        return this.principal;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public String getName() {
        return this.name;
    }
}
