package io.qrlogin.qr.mint;

import java.time.Duration;

import io.qrlogin.qr.QrProperties;
import io.qrlogin.support.lifecycle.BackgroundRounds;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

@Configuration(proxyBeanMethods = false)
class MintConfiguration {

    @Bean
    MintGuard mintGuard(ReactiveStringRedisTemplate redis, QrProperties properties) {
        return new MintGuard(redis, properties.mintGuard());
    }

    /** Reads Redis's memory at the start, then every sample interval; a disabled guard is never sampled, so never refuses. */
    @Bean
    @ConditionalOnBooleanProperty(name = "qrlogin.mint-guard.enabled", matchIfMissing = true)
    BackgroundRounds mintGuardSampling(MintGuard guard, QrProperties properties) {
        return new BackgroundRounds(Duration.ZERO, properties.mintGuard().sampleInterval(), guard::sampleQuietly);
    }
}
