package io.qrlogin.session.demo;

/**
 * An app-user token for the demo.
 *
 * @param accessToken the signed app token (ES256 JWT) the app sends to scan-service
 */
record DemoTokenResponse(String accessToken) {

    @Override
    public String toString() {
        return "DemoTokenResponse[…]";
    }
}
