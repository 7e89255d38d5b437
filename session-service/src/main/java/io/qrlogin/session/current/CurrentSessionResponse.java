package io.qrlogin.session.current;

import java.util.List;

import io.qrlogin.session.security.SessionPrincipal;

/**
 * Who the session token speaks for.
 *
 * @param sub the user's stable id
 * @param name the user's display name
 * @param sessionId the session ({@code sid})
 * @param amr how the user authenticated: {@code ["qr"]}
 */
record CurrentSessionResponse(String sub, String name, String sessionId, List<String> amr) {

    static CurrentSessionResponse of(SessionPrincipal session) {
        return new CurrentSessionResponse(session.subject(), session.name(), session.sessionId(), session.methods());
    }
}
