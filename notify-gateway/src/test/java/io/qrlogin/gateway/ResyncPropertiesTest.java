package io.qrlogin.gateway;

import java.time.Duration;
import java.util.Map;

import io.qrlogin.support.config.EventsSettings;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResyncPropertiesTest {

    @Test
    void defaultsWhenNothingIsSet() {
        assertThat(bind(Map.of())).isEqualTo(ResyncProperties.defaults());
        assertThat(ResyncProperties.defaults().interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(ResyncProperties.defaults().concurrency()).isEqualTo(8);
    }

    @Test
    void bindWhenSetThenUsed() {
        ResyncProperties properties = bind(Map.of("qrlogin.gateway.resync.interval", "30s",
                "qrlogin.gateway.resync.concurrency", "2"));

        assertThat(properties.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(properties.concurrency()).isEqualTo(2);
    }

    @Test
    void bindWhenIntervalIsNotPositiveThenStartUpFails() {
        assertThatThrownBy(() -> bind(Map.of("qrlogin.gateway.resync.interval", "0s")))
            .isInstanceOf(BindException.class)
            .rootCause()
            .hasMessageContaining("qrlogin.gateway.resync.interval");
    }

    @Test
    void eventsPublishWaitWhenSetThenUsedElseTwoSeconds() {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of("qrlogin.events.publish-wait", "500ms")));

        assertThat(binder.bindOrCreate("qrlogin", GatewayProperties.class).events().publishWait())
            .isEqualTo(Duration.ofMillis(500));
        assertThat(GatewayProperties.defaults().events().publishWait()).isEqualTo(EventsSettings.DEFAULT_PUBLISH_WAIT)
            .isEqualTo(Duration.ofSeconds(2));
    }

    private static ResyncProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("qrlogin.gateway.resync",
                ResyncProperties.class);
    }
}
