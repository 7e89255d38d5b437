package io.qrlogin.demorp;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;

import org.springframework.stereotype.Component;

/**
 * This app's sessions by the QR Login session ({@code sid} of the ID token) they were signed in with, so a
 * back-channel logout for a {@code sid} can end them. In memory: the demo runs one instance (an app with
 * several keeps this map where its sessions live, e.g. Spring Session's indexed repository).
 */
@Component
class SignedInSessions implements HttpSessionListener {

    private static final String SID = SignedInSessions.class.getName() + ".sid";

    private final Map<String, Set<HttpSession>> bySid = new ConcurrentHashMap<>();

    /** Remembers that {@code session} was signed in with QR Login session {@code sid}. */
    void signedIn(String sid, HttpSession session) {
        session.setAttribute(SID, sid);
        this.bySid.computeIfAbsent(sid, (key) -> ConcurrentHashMap.newKeySet()).add(session);
    }

    /** Ends every session signed in with {@code sid}; answers how many there were. */
    int end(String sid) {
        Set<HttpSession> sessions = this.bySid.remove(sid);
        if (sessions == null) {
            return 0;
        }
        int ended = 0;
        for (HttpSession session : sessions) {
            try {
                session.invalidate();
                ended++;
            }
            catch (IllegalStateException alreadyEnded) {
                // Logged out or timed out meanwhile: nothing left to end.
            }
        }
        return ended;
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        Object sid = event.getSession().getAttribute(SID);
        if (sid instanceof String key) {
            this.bySid.computeIfPresent(key, (k, sessions) -> {
                sessions.remove(event.getSession());
                return sessions.isEmpty() ? null : sessions;
            });
        }
    }
}
