package io.qrlogin.gateway.route;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

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
    DynamicPropertyRegistrar register() {
        return (registry) -> {
            registry.add("qrlogin.gateway.qr-service-uri", this.qr::uri);
            registry.add("qrlogin.gateway.scan-service-uri", this.scan::uri);
            registry.add("qrlogin.gateway.session-service-uri", this.session::uri);
            registry.add("qrlogin.gateway.oidc-provider-uri", this.oidc::uri);
        };
    }

    @Override
    public void close() {
        this.qr.close();
        this.scan.close();
        this.session.close();
        this.oidc.close();
    }

    /**
     * The stand-ins as beans of the test's application context: started before the routes are built and
     * stopped when the context is, so a context the test framework keeps cached never points at stopped
     * stand-ins.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class Wiring {

        @Bean
        StubServices stubServices() {
            return start();
        }

        @Bean
        DynamicPropertyRegistrar stubServiceRoutes(StubServices services) {
            return services.register();
        }
    }
}
