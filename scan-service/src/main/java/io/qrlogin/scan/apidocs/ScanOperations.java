package io.qrlogin.scan.apidocs;

import java.util.Map;

import io.qrlogin.support.apidocs.OperationDocs;
import io.qrlogin.support.apidocs.OperationDocs.NamedExample;

/**
 * What the scan API's document says of each operation besides its summary, by operation id: the app
 * developer's description and the examples (applied by {@link OperationDocs#apply}).
 */
final class ScanOperations {

    private static final String SCANNED = """
            {"qrId": "3q2-7wEjRWeJq83vASNFZ4mrze8BI0Vn", "state": "SCANNED", "expiresAt": "2026-11-24T09:00:00Z",
             "numberMatching": true,
             "request": {"clientId": "web", "clientName": "Web", "origin": "https://payroll.example.com",
                         "ip": "203.0.113.7",
                         "userAgent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
                         "browser": "Safari 17", "os": "Mac OS X 10.15",
                         "requestedAt": "2026-11-24T08:58:00Z", "sameNetwork": false},
             "risk": {"networkMismatch": true, "mintedWithoutOrigin": false}}""";

    private static final String DEVICE_SCANNED = """
            {"qrId": "3q2-7wEjRWeJq83vASNFZ4mrze8BI0Vn", "state": "SCANNED", "expiresAt": "2026-11-24T09:00:00Z",
             "numberMatching": false,
             "request": {"clientId": "cli", "clientName": "Command-line tools", "ip": "203.0.113.7",
                         "userAgent": "kubelogin/1.34", "requestedAt": "2026-11-24T08:58:00Z", "sameNetwork": true,
                         "kind": "device"}}""";

    static final Map<String, OperationDocs> DOCS = Map.of(
            "scan", OperationDocs.answering("""
                    Marks the ticket scanned by the signed-in user and answers what the confirm screen shows: \
                    the site, the browser and its operating system, its IP and whether it seems to share the phone's \
                    network (a hint, not a proof), the site's origin to compare with the browser's address bar, and \
                    the risk signs of a relayed login (risk.networkMismatch, risk.mintedWithoutOrigin): show a clear \
                    warning for either. userAgent is as the browser reported it (sanitised): show it as text only. \
                    With numberMatching (always, or by the client's on-risk default when the networks differ) the \
                    browser now shows a two-digit code the user must type for the confirm. Repeating the scan as \
                    the same user is harmless; another user gets 409 qr_already_scanned.""",
                    new NamedExample("scanned", SCANNED)),
            "confirm", new OperationDocs("""
                    Only the user who scanned may confirm; a repeat is harmless. The browser is told at once \
                    over its WebSocket and redeems the ticket within 30 seconds. When the scan answered \
                    numberMatching: true, the body must carry the code the browser shows: a wrong or missing code \
                    cancels the login (403 match_code_mismatch). Without number matching the body may be omitted.""",
                    new NamedExample("numberMatching", """
                            {"matchCode": "42"}"""),
                    new NamedExample("confirmed", """
                            {"qrId": "3q2-7wEjRWeJq83vASNFZ4mrze8BI0Vn", "state": "CONFIRMED"}""")),
            "cancel", OperationDocs.answering("""
                    By the user who scanned, or, before anyone scanned, by any signed-in user holding the code. \
                    The browser starts over with a new code.""",
                    new NamedExample("cancelled", """
                            {"qrId": "3q2-7wEjRWeJq83vASNFZ4mrze8BI0Vn", "state": "CANCELLED"}""")),
            "scanUserCode", new OperationDocs("""
                    For a device signing in through the OpenID Provider's device grant (RFC 8628), whose \
                    QR code the app cannot scan: the user types the code the device shows (case, spaces and \
                    hyphens do not matter). Answers as a scan of the device's QR code, with its qrId for the \
                    confirm or cancel; request.kind is "device". An unknown or expired code gets 404 qr_not_found.""",
                    new NamedExample("userCode", """
                            {"userCode": "WDJB-MJHT"}"""),
                    new NamedExample("scanned", DEVICE_SCANNED)));

    private ScanOperations() {
    }
}
