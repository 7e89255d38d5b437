package io.qrlogin.scan;

import java.time.Duration;
import java.util.Map;

import io.qrlogin.common.config.EdgeSettings;
import io.qrlogin.common.config.EventsSettings;
import io.qrlogin.common.ticket.TicketLifetimes;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScanPropertiesTest {

    @Test
    void defaultsWhenNothingIsSet() {
        ScanProperties properties = ScanProperties.defaults();

        assertThat(properties.ticket()).isEqualTo(TicketLifetimes.defaults());
        assertThat(properties.events().topic()).isEqualTo(EventsSettings.DEFAULT_TOPIC);
        assertThat(properties.edge().clientIpHeader()).isEqualTo(EdgeSettings.DEFAULT_CLIENT_IP_HEADER);
        assertThat(properties.clientName("web")).isEqualTo("Web");
    }

    @Test
    void clientNameWhenClientUnknownThenTheClientId() {
        assertThat(ScanProperties.defaults().clientName("payroll")).isEqualTo("payroll");
    }

    @Test
    void bindWhenSetThenEveryValueIsUsed() {
        ScanProperties properties = bind(Map.of("qrlogin.ticket.pending", "45s", "qrlogin.events.topic", "audit.events",
                "qrlogin.edge.client-ip-header", "X-Real-Ip", "qrlogin.clients.payroll.display-name", "Payroll"));

        assertThat(properties.ticket().pending()).isEqualTo(Duration.ofSeconds(45));
        assertThat(properties.ticket().confirmed()).isEqualTo(TicketLifetimes.DEFAULT_CONFIRMED);
        assertThat(properties.events().topic()).isEqualTo("audit.events");
        assertThat(properties.edge().clientIpHeader()).isEqualTo("X-Real-Ip");
        assertThat(properties.clientName("payroll")).isEqualTo("Payroll");
    }

    @Test
    void bindWhenDisplayNameBlankThenFails() {
        assertThatThrownBy(() -> bind(Map.of("qrlogin.clients.payroll.display-name", " ")))
            .hasRootCauseInstanceOf(IllegalArgumentException.class)
            .rootCause()
            .hasMessageContaining("display-name");
    }

    @Test
    void clientWhenDisplayNameMissingThenFails() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ScanProperties.Client(null));
    }

    private static ScanProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("qrlogin", ScanProperties.class);
    }
}
