package io.qrlogin.engine.observability;

import java.time.Instant;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.qrlogin.core.event.TicketEvent;
import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.core.ticket.QrIds;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TicketMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private final TicketMetrics metrics = new TicketMetrics(this.registry, 2);

    @Test
    void transitionedThenCountedByEventAndClient() {
        this.metrics.transitioned(event(TicketEvent.Type.ISSUED, "web"));
        this.metrics.transitioned(event(TicketEvent.Type.ISSUED, "web"));
        this.metrics.transitioned(event(TicketEvent.Type.CONFIRMED, "web"));

        assertThat(count("issued", "web")).isEqualTo(2.0);
        assertThat(count("confirmed", "web")).isEqualTo(1.0);
    }

    @Test
    void transitionedWhenMoreClientsThanTheLimitThenTheRestAreOther() {
        this.metrics.transitioned(event(TicketEvent.Type.ISSUED, "web"));
        this.metrics.transitioned(event(TicketEvent.Type.ISSUED, "shop"));
        this.metrics.transitioned(event(TicketEvent.Type.ISSUED, "third"));
        this.metrics.transitioned(event(TicketEvent.Type.ISSUED, "web"));

        assertThat(count("issued", "web")).isEqualTo(2.0);
        assertThat(count("issued", "shop")).isEqualTo(1.0);
        assertThat(count("issued", TicketMetrics.OTHER_CLIENT)).isEqualTo(1.0);
        assertThat(this.registry.find(TicketMetrics.TICKETS).tag("client", "third").counter()).isNull();
    }

    @Test
    void transitionedWhenClientIdIsNotShapedLikeOneThenOther() {
        this.metrics.transitioned(event(TicketEvent.Type.SCANNED, "not a client id {}"));

        assertThat(count("scanned", TicketMetrics.OTHER_CLIENT)).isEqualTo(1.0);
    }

    @Test
    void transitionedThenNoTicketIdOrUserInAnyTag() {
        TicketEvent event = event(TicketEvent.Type.SCANNED, "web");
        this.metrics.transitioned(event);

        this.registry.getMeters().forEach((meter) -> assertThat(meter.getId().getTags())
            .allSatisfy((tag) -> assertThat(tag.getValue()).isNotEqualTo(event.qrIdHash()).isNotEqualTo(event.subject())));
    }

    @Test
    void rejectedThenCountedByCode() {
        this.metrics.rejected(ProblemCode.QR_EXPIRED);
        this.metrics.rejected(ProblemCode.QR_EXPIRED);
        this.metrics.rejected(ProblemCode.FORBIDDEN);

        assertThat(this.registry.get(TicketMetrics.REJECTIONS).tag("code", "qr_expired").counter().count()).isEqualTo(2.0);
        assertThat(this.registry.get(TicketMetrics.REJECTIONS).tag("code", "forbidden").counter().count()).isEqualTo(1.0);
    }

    private double count(String event, String client) {
        return this.registry.get(TicketMetrics.TICKETS).tag("event", event).tag("client", client).counter().count();
    }

    private static TicketEvent event(TicketEvent.Type type, String clientId) {
        return new TicketEvent(UUID.randomUUID(), type, QrIds.hash("3q2-7wEjRWeJq83vASNFZ4mrze8BI0Vn"), clientId, "alice",
                Instant.now());
    }
}
