package io.qrlogin.support.apptoken;

import io.qrlogin.core.ticket.AppUser;
import io.qrlogin.support.security.PrincipalAuthentication;

/**
 * An app user authenticated by a verified bearer JWT. Keeps only the user, not the token, so
 * nothing downstream can leak it.
 */
public final class AppUserAuthentication extends PrincipalAuthentication<AppUser> {

    public AppUserAuthentication(AppUser user) {
        super(user, user.subject());
    }
}
