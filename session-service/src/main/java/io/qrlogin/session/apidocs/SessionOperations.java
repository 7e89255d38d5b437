package io.qrlogin.session.apidocs;

import java.util.Map;

import io.qrlogin.support.apidocs.OperationDocs;
import io.qrlogin.support.apidocs.OperationDocs.NamedExample;

/**
 * What the session API's document says of the browser's and the phone's operations besides their summaries,
 * by operation id: the description and the examples (applied by {@link OperationDocs#apply}).
 */
final class SessionOperations {

    private static final String REDEEM_REQUEST = """
            {"qrId": "3q2-7wEjRWeJq83vASNFZ4mrze8BI0Vn", "codeVerifier": "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"}""";

    static final Map<String, OperationDocs> DOCS = Map.of(
            "redeem", new OperationDocs("""
                    The browser that minted the ticket proves it with the PKCE verifier. Exactly once per \
                    ticket; the token is an ES256 JWT (header kid) with iss sub name aud iat exp jti sid amr auth_time.""",
                    new NamedExample("redeem", REDEEM_REQUEST),
                    new NamedExample("redeemed", """
                            {"accessToken": "eyJraWQiOiIyMDI2LTExIiwiYWxnIjoiRVMyNTYifQ...", "tokenType": "Bearer", "expiresIn": 900,
                             "sessionId": "Xb3kq9Zr2mC1fL0aTq7w", "user": {"sub": "alice", "name": "Alice"}}""")),
            "decline", new OperationDocs("""
                    The browser that minted the ticket, proving it with the PKCE verifier, cancels it: its user \
                    answered "Not you?" to the name the phone confirmed with (whoever scans a code first owns \
                    it, so an onlooker could otherwise sign this browser in as themselves). Any state before the \
                    redeem; a repeat is harmless. The browser then shows a new code.""",
                    new NamedExample("decline", REDEEM_REQUEST),
                    new NamedExample("declined", """
                            {"qrId": "3q2-7wEjRWeJq83vASNFZ4mrze8BI0Vn", "state": "CANCELLED"}""")),
            "listSessions", OperationDocs.answering("""
                    Every live session of the app token's user: which site, which browser and OS, from which \
                    address, whether the phone that confirmed was on the same network, when it began and was last \
                    used (to the minute). Show browser, os and ip as text only.""",
                    new NamedExample("listed", """
                            {"sessions": [{"sessionId": "Xb3kq9Zr2mC1fL0aTq7w", "clientId": "web", "clientName": "Web",
                              "browser": "Chrome 140", "os": "Windows 10", "ip": "203.0.113.7", "sameNetwork": true,
                              "method": "qr", "signedInAt": "2026-11-24T08:58:03Z", "lastSeenAt": "2026-11-24T09:41:00Z"}]}""")),
            "endSession", OperationDocs.describing("""
                    Ends the session at once: its token is refused from now on and its clients are logged out. \
                    A session that is not the user's (or has ended) is 404 session_not_found."""),
            "endAllSessions", OperationDocs.describing(
                    "Ends every session of the user; other users' sessions are left alone."));

    private SessionOperations() {
    }
}
