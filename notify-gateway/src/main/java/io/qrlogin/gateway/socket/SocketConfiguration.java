package io.qrlogin.gateway.socket;

import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationPredicate;
import io.qrlogin.engine.TicketCommands;
import io.qrlogin.engine.observability.TicketMetrics;
import io.qrlogin.engine.redis.RedisTicketStore;
import io.qrlogin.support.web.ProblemResponder;
import io.qrlogin.gateway.BrowserOrigins;
import io.qrlogin.gateway.GatewayProperties;
import io.qrlogin.gateway.ratelimit.BrowserRateLimit;
import io.qrlogin.gateway.route.ClientIpResolver;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;

/**
 * The browser socket at {@code /ws/qr}, served by the gateway itself: its handler mapping comes before
 * the gateway's route mapping, so the path is never proxied.
 */
@Configuration(proxyBeanMethods = false)
class SocketConfiguration {

    @Bean
    SocketRegistry socketRegistry(RedisTicketStore store, MeterRegistry meters, GatewayProperties properties) {
        SocketRegistry registry = new SocketRegistry(store::find, new PushMetrics(meters), properties.gateway().resync().concurrency());
        Gauge.builder("qrlogin.sockets", registry, SocketRegistry::size)
            .description("Browser sockets this instance holds")
            .register(meters);
        return registry;
    }

    @Bean
    SimpleUrlHandlerMapping qrSocketHandlerMapping(TicketCommands tickets, SocketRegistry registry,
            GatewayProperties properties, BrowserOrigins origins, ClientIpResolver addresses, ProblemResponder problems,
            JsonMapper json, TicketMetrics metrics, ObjectProvider<BrowserRateLimit> rateLimit) {
        QrSocketHandler handler = new QrSocketHandler(tickets, registry, new SocketMessages(json),
                properties.gateway().socket(), metrics);
        GatewayProperties.RateLimit limits = properties.ratelimit();
        SocketsPerAddress perAddress = limits.enabled() ? new SocketsPerAddress(limits.socketsPerAddress()) : null;
        HandshakeAdmission admission = new HandshakeAdmission(origins, addresses, rateLimit.getIfAvailable(), problems);
        QrSocketEndpoint endpoint = new QrSocketEndpoint(handler, admission, properties.gateway().socket(), perAddress);
        return new SimpleUrlHandlerMapping(Map.of(QrSocketEndpoint.PATH, endpoint), Ordered.HIGHEST_PRECEDENCE);
    }

    /**
     * No request observation for the socket's upgrade: it would stay open (with everything observed
     * under it, such as the subscribe's Redis commands) for the socket's whole life, several KiB per
     * waiting browser. The socket's log lines go without a trace id; its pushes keep the trace of
     * the change that caused them.
     */
    @Bean
    ObservationPredicate socketUpgradeNotObserved() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request
                && QrSocketEndpoint.PATH.equals(request.getCarrier().getPath().value()));
    }
}
