package io.qrlogin.qr.apidocs;

import java.util.Map;

import io.qrlogin.support.apidocs.OperationDocs;
import io.qrlogin.support.apidocs.OperationDocs.NamedExample;

/**
 * What the QR code API's document says of each operation besides its summary, by operation id: the
 * description and the examples (applied by {@link OperationDocs#apply}).
 */
final class QrOperations {

    static final Map<String, OperationDocs> DOCS = Map.of(
            "mint", new OperationDocs("""
                    The browser sends the S256 challenge of a PKCE verifier that never leaves it, and gets a \
                    ticket id, the URL the QR code encodes and the code as a data: URI. Then it subscribes to \
                    /ws/qr with the id and the verifier, and redeems the confirmed ticket at /api/session/redeem. \
                    The clientId must be a registered client (else 400 unknown_client), and a browser's Origin one \
                    of that client's origins (else 403 forbidden). While Redis is nearly full, new codes are refused \
                    with 503 unavailable and Retry-After, so the logins under way can finish.""",
                    new NamedExample("png", """
                            {"codeChallenge": "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "codeChallengeMethod": "S256",
                             "clientId": "web", "imageFormat": "png"}"""),
                    new NamedExample("minted", """
                            {"qrId": "3q2-7wEjRWeJq83vASNFZ4mrze8BI0Vn",
                             "qrUrl": "https://login.example.com/q/3q2-7wEjRWeJq83vASNFZ4mrze8BI0Vn",
                             "image": "data:image/png;base64,iVBORw0KGgo...", "expiresAt": "2026-11-24T09:00:00Z", "expiresIn": 120,
                             "confirmIdentity": true}""")));

    private QrOperations() {
    }
}
