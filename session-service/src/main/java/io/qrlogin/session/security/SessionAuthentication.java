package io.qrlogin.session.security;

import io.qrlogin.support.security.PrincipalAuthentication;

/** A request authenticated by a live session token. Keeps only the principal, not the token. */
final class SessionAuthentication extends PrincipalAuthentication<SessionPrincipal> {

    SessionAuthentication(SessionPrincipal principal) {
        super(principal, principal.subject());
    }
}
