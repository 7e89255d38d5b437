package io.qrlogin.gateway.route;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Stand-ins for the four services behind the gateway, routed to by {@link #register}.
 *
 * @param qr qr-service
 * @param scan scan-service
 * @param session session-service
 * @param oidc oidc-provider
 */
record StubServices(StubService qr, StubService scan, StubService session, StubService oidc) implements AutoCloseable {

    static StubServices start() {
        return new StubServices(StubService.start("qr"), StubService.start("scan"), StubService.start("session"),
                StubService.start("oidc"));
    }

    /** Points the gateway's routes at the stand-ins. */
    void register(DynamicPropertyRegistry registry) {
        registry.add("qrlogin.gateway.qr-service-uri", this.qr::uri);
        registry.add("qrlogin.gateway.scan-service-uri", this.scan::uri);
        registry.add("qrlogin.gateway.session-service-uri", this.session::uri);
        registry.add("qrlogin.gateway.oidc-provider-uri", this.oidc::uri);
    }

    @Override
    public void close() {
        this.qr.close();
        this.scan.close();
        this.session.close();
        this.oidc.close();
    }
}
