package io.qrlogin.support.observability;

import io.micrometer.observation.ObservationFilter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * {@link QrIdRedaction} in every service: Boot applies each {@link ObservationFilter} bean to the
 * observation registry, so no request observation leaves a service with a QR id in it.
 */
@AutoConfiguration
@ConditionalOnClass(ObservationFilter.class)
public final class QrIdRedactionAutoConfiguration {

    @Bean
    QrIdRedaction qrIdRedaction() {
        return new QrIdRedaction();
    }
}
